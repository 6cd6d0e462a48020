#include <pave/targets/target.hpp>

namespace pave::targets {

util::Result<void> Target::visit_live(const std::vector<plan::ObjectRef>& refs, const LiveVisitor& visit)
{
  for (std::size_t start = 0; start < refs.size(); start += k_visit_batch) {
    const std::size_t end = std::min(refs.size(), start + k_visit_batch);
    const std::vector<plan::ObjectRef> batch(refs.begin() + static_cast<std::ptrdiff_t>(start),
                                             refs.begin() + static_cast<std::ptrdiff_t>(end));
    PAVE_TRY_ASSIGN(auto live, refresh(batch));
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (const auto it = live.find(batch[i].address()); it != live.end()) {
        PAVE_TRY(visit(start + i, std::move(it->second)));
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
