// Package pf emits and validates the subset of OpenBSD pf.conf(5) that the
// deployment emitter writes: macros, tables, options (set ...) and filter
// rules with nat-to/rdr-to.
//
// There is no pfctl on Linux, so the package carries its own lexer and
// parser, written from the rules of pfctl's parse.y (see
// docs/openbsd.md): quoting with " or ', $macro expansion outside quotes,
// # comments, backslash-newline continuation, reserved words that cannot be
// used unquoted, and the rule checks pfctl makes (nat-to only on out rules,
// rdr-to only on in rules, redirections need state). On top of pfctl's own
// checks it enforces two stricter rules of ours: every port has a proto
// (tcp or udp), and every table and macro is defined before use.
//
// Emit renders a Ruleset and parses the text back before returning it, so
// nothing leaves the package that the parser rejects.
package pf
