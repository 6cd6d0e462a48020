// End-to-end renders. tests/unit/data/expected/demo-default.yaml,
// demo-values.yaml and alias.yaml are helmref's output for the charts in
// tests/unit/data/charts; the
// skip-tests, include-crds and show-only files are derived from it with
// helm template's rules (helmref has no such flags). Error texts are
// helmref's for the same charts.
#include <doctest/doctest.h>

#include <pave/actions/render.hpp>

#include "testutil.hpp"

using pave::actions::RenderOptions;
using pave::test::read_file;
using pave::test::TestContext;
using pave::test::write_file;

namespace {

const std::string k_data = std::string(PAVE_SOURCE_DIR) + "/tests/unit/data";

RenderOptions demo()
{
  RenderOptions o;
  o.chart = k_data + "/charts/demo";
  o.release_name = "rel";
  return o;
}

std::string render_text(const RenderOptions& o)
{
  auto r = pave::actions::render(o);
  return r ? r->manifest() : "error: " + r.error().message;
}

std::string expected(const std::string& name)
{
  return read_file(k_data + "/expected/" + name);
}

/// Renders a one-template chart "errc" with `tpl` as templates/t.yaml.
std::string render_template(const std::string& tpl, const std::string& values = "")
{
  write_file("errc/Chart.yaml", "apiVersion: v2\nname: errc\nversion: 0.1.0\n");
  write_file("errc/values.yaml", values);
  write_file("errc/templates/t.yaml", tpl);
  RenderOptions o;
  o.chart = "errc";
  return render_text(o);
}

} // namespace

TEST_CASE("actions::render: large chart files are read through their mapping")
{
  // values.yaml, a template and a file above the size from which chart files
  // are mapped; .Files.Get, .Files.Lines and the template text must come out whole.
  TestContext ctx;
  std::string values = "items:\n";
  std::string lines;
  for (int i = 0; values.size() < 64 * 1024; ++i) {
    values += "  - name: item" + std::to_string(i) + "\n";
    lines += "l" + std::to_string(i) + "\n";
  }
  write_file("big/Chart.yaml", "apiVersion: v2\nname: big\nversion: 0.1.0\n");
  write_file("big/values.yaml", values);
  write_file("big/files/lines.txt", lines);
  write_file("big/templates/t.yaml", "# " + std::string(40 * 1024, 'x') +
                                         "\nn: {{ len .Values.items }}\nlast: {{ (last .Values.items).name }}\n"
                                         "size: {{ len (.Files.Get \"files/lines.txt\") }}\n"
                                         "lines: {{ len (.Files.Lines \"files/lines.txt\") }}\n");
  RenderOptions o;
  o.chart = "big";
  const std::string out = render_text(o);
  std::size_t items = 0;
  for (std::size_t p = values.find("- name"); p != std::string::npos; p = values.find("- name", p + 1)) {
    ++items;
  }
  CHECK(out.find("n: " + std::to_string(items) + "\n") != std::string::npos);
  CHECK(out.find("last: item" + std::to_string(items - 1) + "\n") != std::string::npos);
  CHECK(out.find("size: " + std::to_string(lines.size()) + "\n") != std::string::npos);
  // Helm's .Files.Lines drops one trailing newline, then splits on "\n".
  CHECK(out.find("lines: " + std::to_string(items) + "\n") != std::string::npos);
  CHECK(out.find("# " + std::string(40 * 1024, 'x') + "\n") != std::string::npos);
}

TEST_CASE("actions::render")
{
  SUBCASE("defaults")
  {
    CHECK(render_text(demo()) == expected("demo-default.yaml"));
  }
  SUBCASE("values files, --set, --set-string, kube and API versions, namespace")
  {
    auto o = demo();
    o.values_files = {k_data + "/charts/demo-override.yaml"};
    o.set = {"replicas=3"};
    o.set_string = {"name=x"};
    o.kube_version = "1.25.3";
    o.api_versions = {"example.com/v1"};
    o.namespace_ = "prod";
    CHECK(render_text(o) == expected("demo-values.yaml"));
  }
  SUBCASE("--skip-tests")
  {
    auto o = demo();
    o.skip_tests = true;
    CHECK(render_text(o) == expected("demo-skip-tests.yaml"));
  }
  SUBCASE("--include-crds")
  {
    auto o = demo();
    o.include_crds = true;
    CHECK(render_text(o) == expected("demo-crds.yaml"));
  }
  SUBCASE("--show-only")
  {
    auto o = demo();
    o.show_only = {"templates/svc.yaml", "charts/sub/templates/*"};
    CHECK(render_text(o) == expected("demo-show-only.yaml"));
    o.show_only = {"templates/nope.yaml"};
    CHECK(render_text(o) == "error: could not find template templates/nope.yaml in chart");
  }
  SUBCASE("aliases of a chart with subcharts share them, like helmref")
  {
    RenderOptions o;
    o.chart = k_data + "/charts/alias";
    o.release_name = "r";
    CHECK(render_text(o) == expected("alias.yaml"));
  }
  SUBCASE("documents")
  {
    auto o = demo();
    o.include_crds = true;
    auto r = pave::actions::render(o);
    REQUIRE(r);
    std::string got;
    for (const auto& d : r->documents) {
      got += d.source + " " + d.kind + " " + d.name + (d.hook ? " hook" : "") + (d.crd ? " crd" : "") + "\n";
    }
    CHECK(got == "demo/crds/crd.yaml   crd\n"
                 "demo/charts/sub/templates/cm.yaml ConfigMap rel-sub\n"
                 "demo/templates/svc.yaml ConfigMap web-files\n"
                 "demo/templates/svc.yaml Service web\n"
                 "demo/templates/deploy.yaml Deployment rel-demo\n"
                 "demo/templates/hooks.yaml Job rel-setup hook\n"
                 "demo/templates/hooks.yaml Pod rel-test hook\n");
    CHECK(r->documents[3].content == "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
    CHECK(r->documents[5].hook_weight == -5);
    CHECK(r->documents[6].hook_events == std::vector<std::string>{"test"});
  }
}

TEST_CASE("actions::render --output-dir")
{
  TestContext ctx;
  auto o = demo();
  o.output_dir = "out";
  CHECK(render_text(o) == "wrote out/demo/charts/sub/templates/cm.yaml\n"
                     "wrote out/demo/templates/svc.yaml\n"
                     "wrote out/demo/templates/svc.yaml\n"
                     "wrote out/demo/templates/deploy.yaml\n"
                     "wrote out/demo/templates/hooks.yaml\n"
                     "wrote out/demo/templates/hooks.yaml\n"
                     "\n");
  CHECK(read_file("out/demo/templates/svc.yaml") ==
        "---\n# Source: demo/templates/svc.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-files\n"
        "data:\n  a: \"hello\\nworld\\n\"\n  a.txt: |\n    hello\n    world\n  b.yaml: |\n    b: 1\n  lines: 2\n"
        "  tpl: web-x\n\n"
        "---\n# Source: demo/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n\n");
  CHECK(read_file("out/demo/templates/hooks.yaml") ==
        "---\n# Source: demo/templates/hooks.yaml\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: rel-setup\n"
        "  annotations:\n    \"helm.sh/hook\": pre-install\n    \"helm.sh/hook-weight\": \"-5\"\n\n"
        "---\n# Source: demo/templates/hooks.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: rel-test\n"
        "  annotations:\n    \"helm.sh/hook\": test\n\n");
  // Resources are rewritten on a second run; hooks are appended to existing files like helm template does.
  const std::string svc = read_file("out/demo/templates/svc.yaml");
  const std::string hooks = read_file("out/demo/templates/hooks.yaml");
  REQUIRE(pave::actions::render(o));
  CHECK(read_file("out/demo/templates/svc.yaml") == svc);
  CHECK(read_file("out/demo/templates/hooks.yaml") == hooks + hooks);
}

TEST_CASE("actions::render errors")
{
  TestContext ctx;
  CHECK(render_template("a: {{ required \"x is required\" .Values.x }}\n") ==
        "error: execution error in errc/templates/t.yaml: x is required");
  CHECK(render_template("a: {{ required \"50% done\" .Values.x }}\n") ==
        "error: execution error in errc/templates/t.yaml: 50%!d(MISSING)one");
  CHECK(render_template("a: {{ if }}\n") ==
        "error: parse error in errc/templates/t.yaml: template: errc/templates/t.yaml:1: missing value for if");
  CHECK(render_template("a: {{ .Values.a.b.c }}\n") ==
        "error: execution error in errc/templates/t.yaml: template: errc/templates/t.yaml:1:13: executing "
        "\"errc/templates/t.yaml\" at <.Values.a.b.c>: nil pointer evaluating interface {}.b");
  CHECK(render_template("a: {{ tpl \"{{ required \\\"inner\\\" .Values.q }}\" . }}\n") ==
        "error: execution error in errc/templates/t.yaml: template: errc/templates/t.yaml:1:6: executing "
        "\"errc/templates/t.yaml\" at <tpl \"{{ required \\\"inner\\\" .Values.q }}\" .>: error calling tpl: error "
        "during tpl function execution for \"{{ required \\\"inner\\\" .Values.q }}\": execution error in "
        "errc/templates/t.yaml: inner");
  CHECK(render_template("a: {{ tpl \"{{ if }}\" . }}\n") ==
        "error: execution error in errc/templates/t.yaml: template: errc/templates/t.yaml:1:6: executing "
        "\"errc/templates/t.yaml\" at <tpl \"{{ if }}\" .>: error calling tpl: error during tpl function execution "
        "for \"{{ if }}\": parse error in errc/templates/t.yaml: template: errc/templates/t.yaml:1: missing value "
        "for if");
  CHECK(render_template("a: {{ include \"nope\" . }}\n") ==
        "error: execution error in errc/templates/t.yaml: template: errc/templates/t.yaml:1:6: executing "
        "\"errc/templates/t.yaml\" at <include \"nope\" .>: error calling include: template: no template \"nope\" "
        "associated with template \"gotpl\"");
  // A document that is not YAML in a large output, in a piece whose heads
  // were decoded while the template still ran: helmref's message.
  CHECK(render_template("{{- range $i := until 6000 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                        "  name: cm-{{ $i }}\ndata:\n  pad: \"{{ repeat 40 \"x\" }}\"\n"
                        "{{- if eq $i 3000 }}\n  bad: [\n{{- end }}\n{{- end }}\n") ==
        "error: YAML parse error on errc/templates/t.yaml: error converting YAML to JSON: yaml: line 7: did not find "
        "expected node content");
  const std::string loop = render_template("{{ define \"loop\" }}{{ include \"loop\" . }}{{ end }}a: {{ include \"loop\" . }}\n");
  CHECK(loop.size() == 101349 + 7 - 8); // helmref's message ("Error: ...\n") has the same length
  CHECK(loop.ends_with("error calling include: rendering template has a nested reference name: loop: unable to "
                       "execute template"));

  SUBCASE("library charts")
  {
    write_file("lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n");
    write_file("lib/templates/_x.tpl", "{{ define \"x\" }}{{ end }}");
    RenderOptions o;
    o.chart = "lib";
    CHECK(render_text(o) == "error: library charts are not installable");
  }
  SUBCASE("options")
  {
    auto o = demo();
    // Release names are not validated (helmref renders any name).
    o.release_name = "Bad_Name";
    CHECK(render_text(o).starts_with("---\n# Source: demo/charts/sub/templates/cm.yaml\n"));
    o = demo();
    o.kube_version = "one";
    CHECK(render_text(o) == "error: invalid kube version 'one': could not parse \"one\" as version");
    o = demo();
    o.set = {"a,b"};
    CHECK(render_text(o) == "error: failed parsing --set data: key \"a\" has no value (cannot end with ,)");
    o = demo();
    o.values_files = {"missing.yaml"};
    CHECK(render_text(o) == "error: open missing.yaml: no such file or directory");
  }
  SUBCASE("the chart's kubeVersion is not enforced (like helmref)")
  {
    write_file("kv/Chart.yaml", "apiVersion: v2\nname: kv\nversion: 0.1.0\nkubeVersion: '>=1.25.0-0'\n");
    write_file("kv/templates/t.yaml", "a: {{ .Capabilities.KubeVersion }}\n");
    RenderOptions o;
    o.chart = "kv";
    o.kube_version = "1.24";
    CHECK(render_text(o) == "---\n# Source: kv/templates/t.yaml\na: v1.24\n");
  }
  SUBCASE("schema")
  {
    write_file("sc/Chart.yaml", "apiVersion: v2\nname: sc\nversion: 0.1.0\n");
    write_file("sc/values.yaml", "replicas: 1\nname: x\n");
    write_file("sc/values.schema.json",
               R"({"type":"object","required":["name"],"properties":{"replicas":{"type":"integer","minimum":1},)"
               R"("name":{"type":"string"}}})");
    write_file("sc/templates/t.yaml", "r: {{ .Values.replicas }}\n");
    RenderOptions o;
    o.chart = "sc";
    CHECK(render_text(o) == "---\n# Source: sc/templates/t.yaml\nr: 1\n");
    o.set = {"replicas=0"};
    CHECK(render_text(o) == "error: values don't meet the specifications of the schema(s) in the following chart(s):\n"
                       "sc:\n- at '/replicas': minimum: got 0, want 1\n");
    o.set = {"name=null"};
    o.set_string = {"replicas=two"};
    CHECK(render_text(o) == "error: values don't meet the specifications of the schema(s) in the following chart(s):\n"
                       "sc:\n- at '': missing property 'name'\n- at '/replicas': got string, want integer\n");
  }
}
