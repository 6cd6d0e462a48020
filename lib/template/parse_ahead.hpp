#pragma once
/// Parsing template texts ahead of need. A render reads a chart's files, then
/// decodes its values.yaml (hundreds of KiB for some charts), loads its
/// subcharts and merges their values, and only then parses the templates.
/// Parsing does not depend on any of that, so the texts are handed over as
/// they are read and a background thread parses them meanwhile, on the core
/// that would otherwise idle. TemplateSet::parse_all takes the results, parses
/// what nobody has started yet on the calling thread, and waits for the rest.
///
/// A result is only used for the very text and name it was parsed with: a
/// parse depends on nothing else (the function table is fixed beforehand), so
/// the trees and any error are the same as a parse at that point would give.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <pave/template/function.hpp>
#include <pave/template/node.hpp>
#include <pave/template/template.hpp>
#include <pave/util/expected.hpp>
#include <pave/util/shared_bytes.hpp>

namespace pave::tmpl {

/// The trees one text defines, the main one last (parse_template), or its error.
using ParsedTrees = util::Result<std::vector<std::shared_ptr<const Tree>>>;

/// parse_template under `limits`, on a large stack when the text may nest deeply.
ParsedTrees parse_text(std::string_view name, std::string_view text, const FunctionTable& funcs,
                       const Limits& limits);

class ParseAhead
{
public:
  /// `funcs` must outlive this object and not change while it lives.
  ParseAhead(const FunctionTable& funcs, Limits limits);
  /// Drops what is still queued and waits for the text being parsed.
  ~ParseAhead();
  ParseAhead(const ParseAhead&) = delete;
  ParseAhead& operator=(const ParseAhead&) = delete;

  /// Queues `text` to be parsed as template `name`. The background thread is
  /// started once a few tens of KiB have been queued (without it, take()
  /// parses everything itself). A second text under the same name replaces
  /// the first.
  void submit(std::string name, util::SharedBytes text);

  enum class Claim : unsigned char {
    absent, ///< not submitted under this name with this text: parse it yourself
    taken,  ///< `out` holds the result
    busy,   ///< the background thread is parsing it and `wait` was false
  };
  /// The result of `text` parsed as `name`: taken from the background thread,
  /// or parsed here when nobody has started it, or (with `wait`) waited for.
  /// Rethrows what the parse threw. Each result can be taken once.
  Claim take(std::string_view name, std::string_view text, ParsedTrees& out, bool wait);

  /// Drops every text not started yet: the background thread stops after the
  /// one it is parsing.
  void cancel();

private:
  enum class State : unsigned char { queued, running, done, taken };
  struct Job
  {
    std::string name;
    util::SharedBytes text;
    State state = State::queued;
    ParsedTrees result;
    std::exception_ptr thrown;
  };

  void work();
  /// Takes the queued job at `queued` off the queue and parses it on this
  /// thread, with `lock` (held on entry and on return) released meanwhile.
  void run_job(std::unique_lock<std::mutex>& lock, std::vector<Job*>::iterator queued);

  const FunctionTable& m_funcs;
  Limits m_limits;
  std::mutex m_mutex;
  std::condition_variable m_queued_cv; ///< a job was queued, or stop
  std::condition_variable m_done_cv;   ///< a job was finished
  std::vector<std::unique_ptr<Job>> m_jobs;
  std::unordered_map<std::string_view, Job*> m_by_name; ///< the last job of each name
  std::vector<Job*> m_queue;                            ///< jobs in State::queued
  std::size_t m_queued_bytes = 0;                       ///< text submitted so far
  bool m_stop = false;
  std::thread m_worker;
};

} // namespace pave::tmpl
