package testenv

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Prosody is a running prosody started by StartProsody.
type Prosody struct {
	*Process
	// Config is the configuration it runs with, ports filled in.
	Config ProsodyConfig
}

// StartProsody picks free loopback ports for unset ones, writes the config and
// certificates under cfg.Dir, starts `prosody --config F -F` and returns once
// the c2s, HTTP and (with Components) component ports accept connections or
// ctx ends. On error nothing is left running.
func StartProsody(ctx context.Context, cfg ProsodyConfig) (*Prosody, error) {
	cfg = prosodyDefaults(cfg)
	if err := pickPorts(&cfg.C2SPort, &cfg.HTTPPort, &cfg.ComponentPort); err != nil {
		return nil, err
	}
	if err := writeProsodyFiles(cfg); err != nil {
		return nil, err
	}
	cmd := exec.Command(cfg.Binary, "--config", cfg.ConfigPath(), "-F")
	cmd.Dir = cfg.Dir
	proc, err := StartProcess("prosody", filepath.Join(cfg.Dir, "stdout.log"), cmd)
	if err != nil {
		return nil, err
	}
	p := &Prosody{Process: proc, Config: cfg}
	ports := []int{cfg.C2SPort, cfg.HTTPPort}
	if len(cfg.Components) > 0 {
		ports = append(ports, cfg.ComponentPort) // prosody opens it only for external components
	}
	for _, port := range ports {
		if err := WaitListening(ctx, Loopback(port), p.alive); err != nil {
			_ = p.Stop(context.Background())
			return nil, fmt.Errorf("prosody: %w", err)
		}
	}
	return p, nil
}

// Register adds (or resets) an account with prosodyctl while prosody runs.
func (p *Prosody) Register(ctx context.Context, user, host, password string) error {
	out, err := exec.CommandContext(ctx, p.Config.Ctl, "--config", p.Config.ConfigPath(),
		"register", user, host, password).CombinedOutput()
	if err != nil {
		return fmt.Errorf("testenv: prosodyctl register %s@%s: %w: %s", user, host, err, out)
	}
	return nil
}

// Log returns prosody's own debug log, for failure reports.
func (p *Prosody) Log() string { return tail(filepath.Join(p.Config.Dir, "prosody.log"), 16<<10) }

// alive reports a prosody that exited during start-up, with its log tail.
func (p *Prosody) alive() error {
	if err := p.checkAlive(); err != nil {
		return fmt.Errorf("%w\nprosody.log:\n%s", err, tail(filepath.Join(p.Config.Dir, "prosody.log"), 2048))
	}
	return nil
}

func prosodyDefaults(cfg ProsodyConfig) ProsodyConfig {
	if cfg.Binary == "" {
		cfg.Binary = "/usr/bin/prosody"
	}
	if cfg.Ctl == "" {
		cfg.Ctl = "/usr/bin/prosodyctl"
	}
	return cfg
}

// pickPorts fills zero ports with distinct free ones.
func pickPorts(ports ...*int) error {
	free, err := FreePorts(len(ports))
	if err != nil {
		return err
	}
	for i, p := range ports {
		if *p == 0 {
			*p = free[i]
		}
	}
	return nil
}

func writeProsodyFiles(cfg ProsodyConfig) error {
	for _, bin := range []string{cfg.Binary, cfg.Ctl} {
		if _, err := os.Stat(bin); err != nil {
			return fmt.Errorf("%w: %s (apt-get install -y prosody lua-unbound)", ErrNotInstalled, bin)
		}
	}
	text, err := cfg.Render()
	if err != nil {
		return err
	}
	for _, d := range []string{cfg.CertDir(), filepath.Join(cfg.Dir, "data")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("testenv: %w", err)
		}
	}
	for _, h := range cfg.Hosts() {
		if _, _, err := SelfSigned(cfg.CertDir(), h); err != nil {
			return err
		}
	}
	if err := os.WriteFile(cfg.ConfigPath(), []byte(text), 0o600); err != nil {
		return fmt.Errorf("testenv: write prosody config: %w", err)
	}
	return nil
}
