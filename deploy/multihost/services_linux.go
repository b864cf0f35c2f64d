package multihost

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/jitsi-go/jitsi-go/deploy"
)

// AccountsPath is where the emitted XMPP guest keeps its account script.
const AccountsPath = "/etc/jitsi-deploy/accounts.sh"

// StartServices starts, in pkg_scripts order, every service of guest g
// for which the tree ships an rc.d script, installing the daemon from
// binDir (a binary named like the script's daemon=). It returns the
// pkg_scripts entries it did not start (packages such as nginx, whose
// rc.d scripts come with the package, not with the tree).
func (l *Lab) StartServices(tree deploy.Tree, g *Guest, binDir string) (skipped []string, err error) {
	rc, _ := tree.Get(g.Name, "/etc/rc.conf.local")
	names, err := PkgScripts(rc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", g.Name, err)
	}
	for _, name := range names {
		script, ok := tree.Get(g.Name, "/etc/rc.d/"+name)
		if !ok {
			skipped = append(skipped, name)
			continue
		}
		s, err := ParseService(name, script, rc)
		if err != nil {
			return skipped, fmt.Errorf("%s: %w", g.Name, err)
		}
		if err := g.Install(filepath.Join(binDir, filepath.Base(s.Path)), s.Path); err != nil {
			return skipped, err
		}
		if _, err := l.Start(g, s); err != nil {
			return skipped, err
		}
	}
	return skipped, nil
}

// RunAccounts runs the commands of g's emitted accounts.sh on g.
func (l *Lab) RunAccounts(ctx context.Context, tree deploy.Tree, g *Guest) error {
	data, ok := tree.Get(g.Name, AccountsPath)
	if !ok {
		return fmt.Errorf("%w: %s has no %s", ErrParse, g.Name, AccountsPath)
	}
	cmds, err := ParseAccounts(data)
	if err != nil {
		return err
	}
	for _, argv := range cmds {
		if err := l.Run(ctx, g, argv); err != nil {
			return err
		}
	}
	return nil
}
