#include <pave/kube/resource.hpp>

#include <pave/http/request.hpp>

namespace pave::kube {

std::string resource_path(const ResourceInfo& r, std::string_view ns, std::string_view name)
{
  std::string path = r.group.empty() ? "/api/" : "/apis/";
  if (!r.group.empty()) {
    path.append(r.group).append("/");
  }
  path.append(r.version);
  if (r.namespaced && !ns.empty()) {
    path.append("/namespaces/").append(http::url_encode(ns));
  }
  path.append("/").append(r.resource);
  if (!name.empty()) {
    path.append("/").append(http::url_encode(name));
  }
  return path;
}

} // namespace pave::kube
