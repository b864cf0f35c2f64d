package config

// singleTok maps the one-character tokens to their kinds.
func singleTok(c byte) (tokKind, bool) {
	switch c {
	case '\n':
		return tkNL, true
	case '{':
		return tkLBrace, true
	case '}':
		return tkRBrace, true
	case '[':
		return tkLBrack, true
	case ']':
		return tkRBrack, true
	case ',':
		return tkComma, true
	case '=', ':':
		return tkSep, true
	}
	return 0, false
}

// simpleEscape decodes the one-character JSON escapes.
func simpleEscape(c byte) (byte, bool) {
	switch c {
	case '"', '\\', '/':
		return c, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}
