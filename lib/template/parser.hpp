#pragma once
/// Go text/template's parser (text/template/parse/parse.go): turns one text
/// into its trees, the main one and one per {{define}}/{{block}}, with Go's
/// exact error messages ("template: NAME:LINE: MESSAGE").
#include <memory>
#include <string_view>
#include <vector>

#include <pave/template/function.hpp>
#include <pave/template/node.hpp>
#include <pave/util/expected.hpp>

namespace pave::tmpl {

/// Go's parse.Parse(name, text, "", "", funcs, builtins): the trees the text
/// defines, the main template (named `name`) last. Within one text a second
/// non-empty definition of a name is an error; an empty one never replaces.
/// Function names are checked against `funcs` and the builtins. `max_depth`
/// bounds the nesting of parentheses and control actions.
util::Result<std::vector<std::shared_ptr<const Tree>>>
parse_template(std::string_view name, std::string_view text, const FunctionTable& funcs, int max_depth);

} // namespace pave::tmpl
