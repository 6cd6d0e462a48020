#include <pave/chart/engine.hpp>

#include <algorithm>

#include <pave/chart/files.hpp>
#include <pave/chart/functions.hpp>
#include <pave/chart/manifest.hpp>
#include <pave/template/stack_guard.hpp>
#include <pave/template/template.hpp>

namespace pave::chart {

using tmpl::MapItems;
using tmpl::Value;

namespace {

struct Renderable
{
  std::string name;
  const File* file;
  Value vals;           ///< the chart's context map (shared by its templates)
  std::string base_path;
};

/// allTemplates: the context of chart `c` given its parent's context `vals`,
/// collecting its (and its subcharts') templates.
Value collect(const Chart& c, const Value& vals, std::vector<Renderable>& out)
{
  Value meta = metadata_as_map(c.metadata);
  meta.items().insert_or_assign("IsRoot", Value(c.is_root()));
  Value subcharts = Value::map();
  Value values = Value::map();
  if (c.is_root()) {
    if (const Value* v = vals.find("Values")) {
      values = *v;
    }
  } else if (const Value* pv = vals.find("Values"); pv != nullptr && pv->is_map()) {
    if (const Value* vs = pv->find(c.name()); vs != nullptr && vs->is_map()) {
      values = *vs;
    }
  }
  const Value* release = vals.find("Release");
  const Value* caps = vals.find("Capabilities");
  Value next = Value::map(MapItems{
      {"Capabilities", caps ? *caps : Value()},
      {"Chart", meta},
      {"Files", Value::object(std::make_shared<Files>(c.files))},
      {"Release", release ? *release : Value()},
      {"Subcharts", subcharts},
      {"Values", values},
  });
  for (const auto& child : c.dependencies) {
    subcharts.items().insert_or_assign(child->name(), collect(*child, next, out));
  }
  const std::string base = c.full_path();
  for (const auto& t : *c.templates) {
    if (!renders_template(c.metadata, t.name)) {
      continue;
    }
    out.push_back(Renderable{base + "/" + t.name, &t, next, base + "/templates"});
  }
  return next;
}

bool template_order(std::string_view a, std::string_view b)
{
  const auto ca = std::count(a.begin(), a.end(), '/');
  const auto cb = std::count(b.begin(), b.end(), '/');
  if (ca == cb) {
    return a > b;
  }
  return ca > cb;
}

} // namespace

void sort_templates(std::vector<std::string>& names)
{
  std::sort(names.begin(), names.end(), template_order);
}

namespace {

/// Turns a template's output, as the executor spills it (tmpl::Spill) and
/// then ends it, into RenderedTemplate::output: "<no value>" removed from each
/// piece (a spill never splits one), then the pieces re-cut where documents
/// end. Each finished piece is kept at once, and with a HeadsAhead its heads
/// start decoding while the template goes on.
///
/// A spilled piece is kept in its own buffer: the start of a document the
/// previous piece carried on is moved in before it (the executor leaves an
/// eighth of the buffer spare for that), and only the unfinished document at
/// its end is copied out. Building each piece in a new buffer, then copying
/// it to one of its exact size, took two fresh buffers a spill, 128 page
/// faults each 256 KiB of output (1,400 on the fleet chart).
class DocumentCutter
{
public:
  DocumentCutter(RenderedTemplate& to, HeadsAhead* heads) : m_to(to), m_heads(heads) {}

  /// A spilled piece: what ends a document is kept, the rest carried on.
  void add(std::string spilled)
  {
    strip_no_value(spilled);
    spilled.insert(0, m_carry); // in place when the spare room holds it
    m_carry.clear();
    const std::size_t cut = last_document_cut(spilled);
    if (cut == std::string::npos) {
      m_carry = std::move(spilled); // no document ends here: all of it goes on
      return;
    }
    m_carry.assign(spilled, cut);
    spilled.resize(cut);
    keep(std::move(spilled), m_heads);
  }

  /// The rest of the output, after the last spill.
  void finish(std::string rest)
  {
    strip_no_value(rest);
    if (m_carry.empty()) {
      keep(std::move(rest), nullptr);
      return;
    }
    m_carry.append(rest);
    keep(std::move(m_carry), nullptr);
  }

private:
  void keep(std::string piece, HeadsAhead* heads)
  {
    auto shared = std::make_shared<const std::string>(std::move(piece));
    m_to.heads.push_back(heads != nullptr ? heads->submit(shared) : nullptr);
    m_to.output.push_back(std::move(shared));
  }

  RenderedTemplate& m_to;
  HeadsAhead* m_heads;
  std::string m_carry; ///< the start of a document that goes on in the next piece
};

util::Result<std::vector<RenderedTemplate>> render_impl(const Chart& c, const EngineInput& in,
                                                        const tmpl::FunctionTable& funcs, std::shared_ptr<void>* parsed)
{
  Value top = Value::map(MapItems{
      {"Capabilities", in.capabilities},
      {"Release", in.release},
      {"Values", in.values},
  });
  std::vector<Renderable> tpls;
  collect(c, top, tpls);
  std::stable_sort(tpls.begin(), tpls.end(),
                   [](const Renderable& a, const Renderable& b) { return template_order(a.name, b.name); });
  // A subchart shared by alias copies of its parent is collected once per
  // copy under the same name; like Go's map assignment, the last one wins.
  std::vector<Renderable> unique;
  unique.reserve(tpls.size());
  for (auto& r : tpls) {
    if (!unique.empty() && unique.back().name == r.name) {
      unique.back() = std::move(r);
    } else {
      unique.push_back(std::move(r));
    }
  }
  tpls = std::move(unique);

  auto set_ptr = std::make_shared<tmpl::TemplateSet>(funcs);
  tmpl::TemplateSet& set = *set_ptr;
  if (parsed != nullptr) {
    *parsed = set_ptr;
  }
  std::vector<tmpl::TemplateSet::Source> sources;
  sources.reserve(tpls.size());
  for (const auto& r : tpls) {
    sources.push_back({r.name, r.file->data});
  }
  std::size_t failed = 0;
  if (auto p = set.parse_all(sources, &failed, 2, in.parse_ahead); !p) {
    return util::fail("parse error in {}: {}", tpls[failed].name, p.error().message);
  }
  std::vector<RenderedTemplate> rendered;
  rendered.reserve(tpls.size());
  for (const auto& r : tpls) {
    if (is_partial(r.name)) {
      continue;
    }
    r.vals.items().insert_or_assign("Template",
                                    Value::map(MapItems{{"BasePath", r.base_path}, {"Name", r.name}}));
    const bool notes = r.name.ends_with("NOTES.txt"); // rendered for its errors only
    RenderedTemplate t{r.name, {}, {}};
    DocumentCutter cutter(t, notes ? nullptr : in.heads_ahead);
    const tmpl::Spill spill = [&cutter](std::string&& piece) { cutter.add(std::move(piece)); };
    std::string out;
    if (auto e = set.execute(r.name, r.vals, out, &spill); !e) {
      return util::fail("{}", execution_error(r.name, e.error().message));
    }
    if (notes) {
      continue;
    }
    cutter.finish(std::move(out));
    rendered.push_back(std::move(t));
  }
  std::sort(rendered.begin(), rendered.end(),
            [](const RenderedTemplate& a, const RenderedTemplate& b) { return a.name < b.name; });
  return rendered;
}

} // namespace

util::Result<std::vector<RenderedTemplate>> render_templates(const Chart& c, const EngineInput& in,
                                                             const tmpl::FunctionTable& funcs,
                                                             std::shared_ptr<void>* parsed)
{
  // Parse and execute every template on one thread with the engine's large
  // stack, instead of letting each parse/execute start its own.
  util::Result<std::vector<RenderedTemplate>> result;
  tmpl::run_with_stack(tmpl::Limits{}.max_stack, [&] { result = render_impl(c, in, funcs, parsed); });
  return result;
}

} // namespace pave::chart
