package deploy

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
)

const usage = `usage: jitsi-deploy -f DESCRIPTION [-o DIR [-force]] [-check]

Reads a deployment description (HOCON, see docs/openbsd.md) and writes the
files of the whole vmd deployment under DIR/host/... and DIR/<guest>/...
With -check it only validates the description and prints the plan.
`

// Main is the jitsi-deploy command; it returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("jitsi-deploy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	desc := fs.String("f", "", "deployment description file (HOCON)")
	out := fs.String("o", "", "output directory")
	force := fs.Bool("force", false, "write into a non-empty output directory")
	check := fs.Bool("check", false, "validate and print the plan; write nothing")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *desc == "" || (*out == "" && !*check) {
		fs.Usage()
		return 2
	}
	if err := run(*desc, *out, *force, *check, stdout); err != nil {
		fmt.Fprintf(stderr, "jitsi-deploy: %v\n", err)
		return 1
	}
	return 0
}

func run(desc, out string, force, check bool, stdout io.Writer) error {
	d, err := LoadFile(desc)
	if err != nil {
		return err
	}
	p, err := NewPlan(d, rand.Reader)
	if err != nil {
		return fmt.Errorf("%s: %w", desc, err)
	}
	tree, err := emitTree(p)
	if err == nil {
		err = Check(p, tree)
	}
	if err != nil {
		return err
	}
	printPlan(stdout, p)
	if check {
		return nil
	}
	if err := checkOutDir(out, force); err != nil {
		return err
	}
	if err := tree.Write(out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d files under %s\n", len(tree), out)
	return nil
}

// checkOutDir refuses to mix a new tree with an old one unless forced.
func checkOutDir(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("%s is not empty (stale files of an earlier run would stay); use -force or an empty directory", dir)
	}
	return nil
}

func printPlan(w io.Writer, p *Plan) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tGUEST\tROLE\tADDRESS\tGATEWAY\tUDP\n")
	for _, g := range p.Guests {
		udp := "-"
		if g.Role == RoleBridge {
			udp = itoa(p.Port[g.Name])
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", p.ID[g.Name], g.Name, g.Role, p.Addr[g.Name], p.Gateway[g.Name], udp)
	}
	tw.Flush()
	fmt.Fprintf(w, "domain %s on %s, xmpp server %s, sctp %v\n", p.D.Domain, p.D.Host.PublicAddress, p.D.XMPPServer, p.D.SCTP)
}
