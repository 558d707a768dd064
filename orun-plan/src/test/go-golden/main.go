// Regenerates the expected outputs of GoTemplateGoldenTest with Go's own text/template.
//
//	cd orun-plan/src/test/go-golden
//	go run main.go < ../resources/template/go-text-template-golden.jsonl > /tmp/golden.jsonl
//	mv /tmp/golden.jsonl ../resources/template/go-text-template-golden.jsonl
//
// Line 1 holds the data ({"data": {...}}); every other line a template and Go's result:
// "OK:<output>" or "ERR" (parse or execution error). JSON numbers written without '.', 'e' or
// 'E' become Go ints, the others float64, as a YAML decoder would produce them.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"
)

type header struct {
	Data json.RawMessage `json:"data"`
}

type golden struct {
	Template string `json:"template"`
	Go       string `json:"go"`
}

func convert(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil && !strings.ContainsAny(string(x), ".eE") {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case map[string]interface{}:
		for k, e := range x {
			x[k] = convert(e)
		}
	case []interface{}:
		for i, e := range x {
			x[i] = convert(e)
		}
	}
	return v
}

func render(text string, data map[string]interface{}) string {
	t, err := template.New("golden").Parse(text)
	if err != nil {
		return "ERR"
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		return "ERR"
	}
	return "OK:" + out.String()
}

func write(v interface{}) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	os.Stdout.Write(b.Bytes())
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	in.Scan()
	var h header
	if err := json.Unmarshal(in.Bytes(), &h); err != nil {
		panic(err)
	}
	fmt.Println(strings.TrimSpace(in.Text()))
	dec := json.NewDecoder(bytes.NewReader(h.Data))
	dec.UseNumber()
	var data map[string]interface{}
	if err := dec.Decode(&data); err != nil {
		panic(err)
	}
	convert(data)
	for in.Scan() {
		var g golden
		if err := json.Unmarshal(in.Bytes(), &g); err != nil {
			panic(err)
		}
		g.Go = render(g.Template, data)
		write(g)
	}
}
