#include <pave/targets/target.hpp>

#include <future>

namespace pave::targets {

util::Result<void> Target::visit_live(const std::vector<plan::ObjectRef>& refs, const LiveVisitor& visit)
{
  // The next batch is read on another thread while the current one is visited.
  const auto read = [this, &refs](std::size_t start) {
    return std::async(std::launch::async, [this, &refs, start] {
      const std::size_t end = std::min(refs.size(), start + k_visit_batch);
      return refresh(std::vector<plan::ObjectRef>(refs.begin() + static_cast<std::ptrdiff_t>(start),
                                                  refs.begin() + static_cast<std::ptrdiff_t>(end)));
    });
  };
  if (refs.empty()) {
    return {};
  }
  auto next = read(0);
  for (std::size_t start = 0; start < refs.size(); start += k_visit_batch) {
    auto live = next.get();
    if (start + k_visit_batch < refs.size()) {
      next = read(start + k_visit_batch); // an early return below waits for it (the future's destructor)
    }
    if (!live) {
      return std::unexpected(live.error());
    }
    const std::size_t end = std::min(refs.size(), start + k_visit_batch);
    for (std::size_t i = start; i < end; ++i) {
      if (const auto it = live->find(refs[i].address()); it != live->end()) {
        PAVE_TRY(visit(i, std::move(it->second)));
      }
    }
  }
  return {};
}

util::Result<std::vector<std::string>> Target::visit_objects(const ListQuery& /*query*/, const ObjectVisitor& /*visit*/)
{
  return util::fail("{} cannot list all its objects (--all-resources needs a Kubernetes cluster)", describe());
}

} // namespace pave::targets
