package pf

import "strings"

// File is a parsed pf.conf: macro definitions, tables, options and rules
// in file order, with every $macro expanded.
type File struct {
	Macros  map[string]string
	Tables  []Table
	Options []Option
	Rules   []Rule
}

// Macro is a `name = "value"` definition.
type Macro struct {
	Name  string
	Value string
}

// Table is `table <name> [const] [persist] [counters] { addr ... }`.
type Table struct {
	Name  string
	Flags []string
	Addrs []string
	Line  int
}

// Option is a `set name args...` line.
type Option struct {
	Name string
	Args []string
	Line int
}

// Host is one address specification: "any", "self", "no-route",
// "urpf-failed", an address with optional /len, "(if)" or "<table>".
type Host struct {
	Not  bool
	Addr string
}

// Port is one port specification: Op is "" for a single port or service
// name, ":" for the inclusive range A:B, or a unary operator (= != < <= > >=).
type Port struct {
	Op string
	A  string
	B  string
}

// Endpoint is the from or to part of a rule. Hosts is empty when only a
// port was given (`to port 22`), and nil with no ports when absent.
type Endpoint struct {
	Hosts []Host
	Ports []Port
}

// Redirect is the target of nat-to or rdr-to.
type Redirect struct {
	Hosts      []Host
	Ports      []Port
	StaticPort bool
}

// Rule is one pass, block or match rule.
type Rule struct {
	Action      string // pass, block, match
	BlockPolicy string // "", "drop", "return"
	Dir         string // "", "in", "out"
	Log         bool
	Quick       bool
	On          []string // interfaces or groups; "!" prefix negates
	AF          string   // "", "inet", "inet6"
	Proto       []string
	All         bool
	From        Endpoint
	To          Endpoint
	State       string // "", "keep state", "no state", "modulate state", "synproxy state"
	Flags       string
	NatTo       *Redirect
	RdrTo       *Redirect
	Label       string
	Comment     string // emitted after #, not parsed back
	Line        int    // set by the parser
}

// String renders the host as pf.conf writes it.
func (h Host) String() string {
	if h.Not {
		return "! " + h.Addr
	}
	return h.Addr
}

// String renders the port item as pf.conf writes it.
func (p Port) String() string {
	switch p.Op {
	case "":
		return p.A
	case ":":
		return p.A + ":" + p.B
	default:
		return p.Op + " " + p.A
	}
}

// list renders one item bare and several in braces.
func list[T interface{ String() string }](items []T) string {
	if len(items) == 1 {
		return items[0].String()
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = it.String()
	}
	return "{ " + strings.Join(parts, " ") + " }"
}

type str string

func (s str) String() string { return string(s) }

func strs(ss []string) []str {
	out := make([]str, len(ss))
	for i, s := range ss {
		out[i] = str(s)
	}
	return out
}
