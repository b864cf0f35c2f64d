package xmlx

import "testing"

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		0: {`<a xmlns="n" x="1" y="2"><b/></a>`, `<p:a xmlns:p="n" y="2" x="1"><p:b></p:b></p:a>`, true},
		1: {`<a xmlns="n"><b/><c/></a>`, `<a xmlns="n"><c/><b/></a>`, true},
		2: {`<a xmlns="n"><b i="1"/><b i="2"/></a>`, `<a xmlns="n"><b i="2"/><b i="1"/></a>`, false},
		3: {`<a xmlns="n"/>`, `<a xmlns="m"/>`, false},
		4: {`<a>t </a>`, `<a> t</a>`, true},
		5: {`<a x="1"/>`, `<a x="2"/>`, false},
		6: {`<a><b/></a>`, `<a/>`, false},
		7: {`<a>`, `<a/>`, false},
	}
	for i, tc := range tests {
		err := Equal([]byte(tc.a), []byte(tc.b))
		if (err == nil) != tc.same {
			t.Errorf("%d: Equal(%s, %s) = %v, want same=%v", i, tc.a, tc.b, err, tc.same)
		}
	}
}
