// Package vmm emits and validates the subset of OpenBSD vm.conf(5) that the
// deployment emitter writes: macros, `local prefix`, and `vm` blocks (with
// the template + `instance` form) holding enable/disable, memory, disk,
// local interface, boot, cdrom and owner.
//
// There is no vmd on Linux, so the package has its own lexer and parser
// following vmd's parse.y (see docs/openbsd.md): quotes " or ', unquoted
// words starting with a letter, digit, ':', '_' or '/', adjacent strings
// joined, $macro expansion outside quotes, # comments, backslash-newline
// continuation, and reserved words that cannot be used unquoted. On top of
// the grammar it checks what vmd checks when it registers a VM (names,
// memory of at least 1M, instance parents defined first, interface groups)
// and one rule of ours: memory always carries a unit, because a bare
// number is bytes.
//
// VM IDs follow vmd: 1..N in file order, disabled VMs included. Addr
// gives the addresses vmd assigns on a VM's local interfaces.
package vmm
