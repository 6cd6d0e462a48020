// Chart loading: directories, archives, .helmignore, Chart.yaml decoding and
// validation. Error texts are Helm's (helm template / helmref).
#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>

#include <pave/chart/archive.hpp>
#include <pave/chart/loader.hpp>

#include "test_chart_support.hpp"
#include "testutil.hpp"

using pave::test::dump;
using pave::test::TestContext;
using pave::test::write_file;

namespace {

/// A gzipped tarball of (name, content) entries.
std::string make_tgz(const std::vector<std::pair<std::string, std::string>>& entries)
{
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_open(
      a, &out, nullptr,
      [](struct archive*, void* client, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
      },
      nullptr);
  for (const auto& [name, content] : entries) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::vector<std::string> names(const std::vector<pave::chart::File>& files)
{
  std::vector<std::string> out;
  for (const auto& f : files) {
    out.push_back(f.name);
  }
  return out;
}

std::string load_error(const std::string& dir)
{
  auto c = pave::chart::load_chart(dir);
  return c ? "ok" : c.error().message;
}

} // namespace

TEST_CASE("chart::load_dir")
{
  TestContext ctx;
  write_file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: 1.10\n");
  write_file("c/values.yaml", "a: 1\nb:\n  c: x\n");
  write_file("c/.helmignore", "# ignore\n*.bak\ndocs/\n");
  write_file("c/templates/a.yaml", "kind: A\n");
  write_file("c/templates/_helpers.tpl", "{{/* */}}");
  write_file("c/templates/.hidden.yaml", "kind: Hidden\n");
  write_file("c/templates/old.bak", "x");
  write_file("c/docs/readme.md", "doc");
  write_file("c/files/conf.txt", "\xEF\xBB\xBFhello\n");
  write_file("c/crds/crd.yaml", "kind: CustomResourceDefinition\n");
  write_file("c/values.schema.json", "{}");
  write_file("c/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n");
  write_file("c/charts/sub/templates/s.yaml", "kind: S\n");
  write_file("c/charts/other.prov", "signature");
  write_file("c/charts/README.md", "ignored");

  auto c = pave::chart::load_chart("c");
  REQUIRE(c);
  CHECK((*c)->name() == "c");
  CHECK((*c)->metadata.app_version == "1.1");
  CHECK(dump((*c)->values) == "{a:1f,b:{c:\"x\"}}");
  CHECK(names(*(*c)->templates) == std::vector<std::string>{"templates/_helpers.tpl", "templates/a.yaml"});
  CHECK(names(*(*c)->files) == std::vector<std::string>{"crds/crd.yaml", "files/conf.txt"});
  CHECK((*c)->files->at(1).data == "hello\n");
  CHECK((*c)->schema == "{}");
  REQUIRE((*c)->dependencies.size() == 1);
  const auto& sub = *(*c)->dependencies[0];
  CHECK(sub.name() == "sub");
  CHECK(sub.parent == c->get());
  CHECK(sub.full_path() == "c/charts/sub");
  CHECK(sub.metadata.api_version == "v2");
  REQUIRE((*c)->crd_objects().size() == 1);
  CHECK((*c)->crd_objects()[0].filename == "c/crds/crd.yaml");
}

TEST_CASE("chart::load_chart tells the templates a render parses, under the names it gives them")
{
  // Directory and archive subcharts, a library subchart (only its partials
  // are rendered) and a subchart renamed later by an alias (told under its
  // own name).
  TestContext ctx;
  write_file("p/Chart.yaml", "apiVersion: v2\nname: top\nversion: 0.1.0\n"
                             "dependencies:\n- name: sub\n  version: 1.0.0\n  alias: renamed\n");
  write_file("p/values.yaml", "a: 1\n");
  write_file("p/templates/a.yaml", "kind: A\n");
  write_file("p/templates/sub/b.yaml", "kind: B\n");
  write_file("p/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.0.0\n");
  write_file("p/charts/sub/templates/s.yaml", "kind: S\n");
  write_file("p/charts/lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n");
  write_file("p/charts/lib/templates/_l.tpl", "{{ define \"l\" }}{{ end }}");
  write_file("p/charts/lib/templates/skipped.yaml", "kind: L\n");
  write_file("p/charts/arch-0.1.0.tgz", make_tgz({{"arch/Chart.yaml", "apiVersion: v2\nname: arch\nversion: 0.1.0\n"},
                                                  {"arch/templates/t.yaml", "kind: T\n"}}));
  std::vector<std::string> told;
  const pave::chart::TemplateSink sink = [&](const std::string& name, const pave::chart::File& f) {
    told.push_back(name + "=" + f.data.str());
  };
  auto c = pave::chart::load_chart("p", sink);
  REQUIRE(c);
  CHECK(told == std::vector<std::string>{
                    "top/templates/a.yaml=kind: A\n",
                    "top/templates/sub/b.yaml=kind: B\n",
                    "top/charts/arch/templates/t.yaml=kind: T\n",
                    "top/charts/lib/templates/_l.tpl={{ define \"l\" }}{{ end }}",
                    "top/charts/sub/templates/s.yaml=kind: S\n",
                });
  // The bytes told are those the chart keeps (a parse of them can be matched by address).
  REQUIRE((*c)->templates->size() == 2);
  CHECK(told.size() == 5);
  told.clear();
  REQUIRE(pave::chart::load_chart("p"));
  CHECK(told.empty());
}

TEST_CASE("chart::load_dir maps large files")
{
  // From 32 KiB files are mapped, not read: the bytes must be the same,
  // byte order mark dropped, at and around the size where mapping starts.
  TestContext ctx;
  write_file("m/Chart.yaml", "apiVersion: v2\nname: m\nversion: 0.1.0\n");
  std::string big;
  for (int i = 0; big.size() < 200 * 1024; ++i) {
    big += "line " + std::to_string(i) + "\n";
  }
  const std::size_t k_map_from = 32 * 1024;
  for (const std::size_t n : {k_map_from - 1, k_map_from, k_map_from + 1, std::size_t(4096 * 9), big.size()}) {
    CAPTURE(n);
    write_file("m/files/big.txt", big.substr(0, n));
    write_file("m/files/bom.txt", "\xEF\xBB\xBF" + big.substr(0, n));
    write_file("m/templates/big.yaml", "# " + big.substr(0, n));
    write_file("m/values.schema.json", "{\"description\": \"" + std::string(n, 'x') + "\"}");
    auto c = pave::chart::load_chart("m");
    REQUIRE(c);
    REQUIRE((*c)->files->size() == 2);
    CHECK((*c)->files->at(0).data == big.substr(0, n));
    CHECK((*c)->files->at(1).data == big.substr(0, n));
    CHECK((*c)->templates->at(0).data == "# " + big.substr(0, n));
    CHECK((*c)->schema.size() == n + 19);
  }
}

TEST_CASE("chart::load_archive")
{
  TestContext ctx;
  SUBCASE("a chart and a subchart archive")
  {
    const std::string sub = make_tgz({{"sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.2.0\n"},
                                      {"sub/templates/t.yaml", "kind: T\n"}});
    const std::string top = make_tgz({{"top/Chart.yaml", "name: top\nversion: 1.0.0\n"},
                                      {"top/values.yaml", "x: y\n"},
                                      {"top/charts/sub-0.2.0.tgz", sub}});
    write_file("top-1.0.0.tgz", top);
    auto c = pave::chart::load_chart("top-1.0.0.tgz");
    REQUIRE(c);
    CHECK((*c)->metadata.api_version == "v1");
    REQUIRE((*c)->dependencies.size() == 1);
    CHECK((*c)->dependencies[0]->name() == "sub");
    CHECK(names(*(*c)->dependencies[0]->templates) == std::vector<std::string>{"templates/t.yaml"});
  }
  SUBCASE("archive errors")
  {
    auto files = pave::chart::read_chart_archive(make_tgz({{"top/../x", "y"}}));
    REQUIRE(!files);
    CHECK(files.error().message == "chart illegally references parent directory");
    auto files2 = pave::chart::read_chart_archive(make_tgz({{"Chart.yaml", "y"}}));
    REQUIRE(!files2);
    CHECK(files2.error().message == "chart illegally contains content outside the base directory: \"Chart.yaml\"");
    write_file("notgz.tgz", "plain text");
    CHECK(load_error("notgz.tgz") ==
          "file 'notgz.tgz' does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'");
  }
}

TEST_CASE("chart::load_files errors")
{
  TestContext ctx;
  SUBCASE("missing Chart.yaml")
  {
    write_file("c/values.yaml", "a: 1\n");
    CHECK(load_error("c") == "Chart.yaml file is missing");
  }
  SUBCASE("bad chart type")
  {
    write_file("c/Chart.yaml", "apiVersion: v1\nname: c\nversion: 0.1.0\ntype: Library\n");
    CHECK(load_error("c") == "validation: chart.metadata.type must be application or library");
  }
  SUBCASE("only the type is validated, like helmref")
  {
    write_file("a/Chart.yaml", "apiVersion: v2\nversion: one\ndependencies:\n- name: sub\n  alias: no/slash\n");
    CHECK(load_error("a") == "ok");
  }
  SUBCASE("broken subchart")
  {
    write_file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
    write_file("c/charts/sub/values.yaml", "a: 1\n");
    CHECK(load_error("c") == "error unpacking subchart sub in c: Chart.yaml file is missing");
  }
  SUBCASE("values.yaml must be a map")
  {
    write_file("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
    write_file("c/values.yaml", "- a\n");
    CHECK(load_error("c") == "cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot "
                             "unmarshal array into Go value of type map[string]interface {}");
  }
  SUBCASE("nonexistent path")
  {
    CHECK(load_error("nope") == "path \"nope\" not found");
  }
}

TEST_CASE("chart::decode_metadata")
{
  TestContext ctx;
  write_file("c/Chart.yaml", "apiVersion: v1\nNAME: c\nversion: 1\ndescription: |\n  two\n  lines\n"
                             "annotations:\n  b: 2\n  a: true\nkeywords: [x, 3]\n");
  write_file("c/requirements.yaml", "dependencies:\n- name: sub\n  version: ~1.0\n  condition: sub.enabled\n"
                                    "  tags: [t1]\n  import-values: [data]\n");
  auto c = pave::chart::load_chart("c");
  REQUIRE(c);
  const auto& md = (*c)->metadata;
  CHECK(md.name == "c");
  CHECK(md.version == "1");
  CHECK(md.description == "two\nlines\n");
  REQUIRE(md.annotations.size() == 2);
  CHECK(md.annotations[0] == std::pair<std::string, std::string>{"a", "true"});
  CHECK(md.annotations[1] == std::pair<std::string, std::string>{"b", "2"});
  CHECK(md.keywords == std::vector<std::string>{"x", "3"});
  REQUIRE(md.dependencies.size() == 1);
  CHECK(md.dependencies[0]->version == "~1.0");
  CHECK(md.dependencies[0]->condition == "sub.enabled");
  CHECK(md.dependencies[0]->tags == std::vector<std::string>{"t1"});
  CHECK(dump(pave::tmpl::Value::list(md.dependencies[0]->import_values)) == "[\"data\"]");

  auto meta = pave::chart::metadata_as_map(md);
  CHECK(dump(*meta.find("Annotations")) == "{a:\"true\",b:\"2\"}");
  CHECK(dump(*meta.find("Dependencies")) ==
        "[{Alias:\"\",Condition:\"sub.enabled\",Enabled:false,Name:\"sub\",Repository:\"\",Tags:[\"t1\"],"
        "Version:\"~1.0\"}]");
  CHECK(meta.find("APIVersion")->as_string() == "v1");
  CHECK(dump(*meta.find("Maintainers")) == "[]");
}

TEST_CASE("chart::format_float32")
{
  CHECK(pave::chart::format_float32(1.1) == "1.1");
  CHECK(pave::chart::format_float32(0.25) == "0.25");
  CHECK(pave::chart::format_float32(1e6) == "1e+06");
  CHECK(pave::chart::format_float32(123456.0) == "123456");
  CHECK(pave::chart::format_float32(0.0001) == "0.0001");
  CHECK(pave::chart::format_float32(0.00001) == "1e-05");
  CHECK(pave::chart::format_float32(3.14159) == "3.14159");
}

TEST_CASE("chart::validate_metadata")
{
  auto validate = [](pave::chart::Metadata md) {
    auto r = pave::chart::validate_metadata(md);
    return r ? "ok: " + md.description : r.error().message;
  };
  pave::chart::Metadata md;
  md.api_version = "v2";
  md.name = "c";
  md.version = "0.1.0";
  md.description = "two\nlines\x01";
  CHECK(validate(md) == "ok: two lines");
  auto m = md;
  m.name.clear();
  CHECK(validate(m) == "validation: chart.metadata.name is required");
  m = md;
  m.name = "a/b";
  CHECK(validate(m) == "validation: chart.metadata.name \"a/b\" is invalid");
  m = md;
  m.version = "one";
  CHECK(validate(m) == "validation: chart.metadata.version \"one\" is invalid");
  m = md;
  m.api_version.clear();
  CHECK(validate(m) == "validation: chart.metadata.apiVersion is required");
  m = md;
  m.type = "Library";
  CHECK(validate(m) == "validation: chart.metadata.type must be application or library");
  m = md;
  m.dependencies.push_back(std::make_shared<pave::chart::Dependency>(pave::chart::Dependency{.name = "sub", .alias = "no/slash"}));
  CHECK(validate(m) == "validation: dependency \"sub\" has disallowed characters in the alias");
  m = md;
  m.dependencies.push_back(std::make_shared<pave::chart::Dependency>(pave::chart::Dependency{.name = "sub"}));
  m.dependencies.push_back(std::make_shared<pave::chart::Dependency>(pave::chart::Dependency{.name = "other", .alias = "sub"}));
  CHECK(validate(m) == "validation: more than one dependency with name or alias \"sub\"");
}
