// Expected results come from Go 1.19 text/template (the engine helmref uses),
// with missingkey=zero, data {"Values": VALUES, "Obj": *main.Obj} and the
// functions of test_template_support.hpp.
#include <doctest/doctest.h>

#include "test_template_support.hpp"

using pave::test::render_values;

TEST_CASE("tmpl::builtin eq")
{
  CHECK(render_values(R"~({{ eq 1 1 }} {{ eq 1 2 }} {{ eq "a" "a" }} {{ eq "a" "b" "a" }} {{ eq true true }} {{ eq 1.5 1.5 }} {{ eq nil nil }})~") ==
        "true false true true true true true");
  CHECK(render_values("{{ eq .Values.m .Values.m2 }}", R"~({"m": {"a": 1}, "m2": {"a": 1}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq .Values.m .Values.m2>: error calling eq: non-comparable type map[a:%!s(float64=1)]: map[string]interface {})~");
  CHECK(render_values("{{ eq .Values.m .Values.l }}", R"~({"m": {"a": 1}, "l": [1, 2]})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq .Values.m .Values.l>: error calling eq: non-comparable types map[a:%!s(float64=1)]: map[string]interface {}, []interface {}: [1 2])~");
  CHECK(render_values("{{ eq .Values.l .Values.l }}", R"~({"l": [1, 2]})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq .Values.l .Values.l>: error calling eq: non-comparable type [%!s(float64=1) %!s(float64=2)]: []interface {})~");
  CHECK(render_values("{{ eq 1 1.0 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq 1 1.0>: error calling eq: incompatible types for comparison)~");
  CHECK(render_values("{{ eq .Values.i 3 }}", R"~({"i": 3})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq .Values.i 3>: error calling eq: incompatible types for comparison)~");
  CHECK(render_values(R"~({{ eq .Values.i 3.0 }} {{ eq .Values.s "x" }} {{ eq .Values.t true }})~", R"~({"i": 3, "s": "x", "t": true})~") ==
        "true true true");
  CHECK(render_values("{{ eq .Values.missing 3 }} {{ eq 3 .Values.missing }} {{ eq .Values.missing nil }} {{ eq .Values.n .Values.missing }}", R"~({"n": null})~") ==
        "false false true true");
  CHECK(render_values("{{ eq .Values.m nil }} {{ eq nil .Values.m }} {{ eq .Values.m .Values.missing }}", R"~({"m": {"a": 1}})~") ==
        "false false false");
  CHECK(render_values(R"~({{ eq "a" 1 }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq "a" 1>: error calling eq: incompatible types for comparison)~");
  CHECK(render_values(R"~({{ eq 1 "a" "b" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq 1 "a" "b">: error calling eq: incompatible types for comparison)~");
  CHECK(render_values(R"~({{ eq 1 2 "a" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq 1 2 "a">: error calling eq: incompatible types for comparison)~");
  CHECK(render_values(R"~({{ eq 1 1 "a" }})~") == "true");
  CHECK(render_values("{{ eq 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq 1>: error calling eq: missing argument for comparison)~");
  CHECK(render_values("{{ eq }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq>: wrong number of args for eq: want at least 1 got 0)~");
  CHECK(render_values("{{ eq u8 7 }} {{ eq 7 u8 }} {{ eq i64 7 }} {{ eq -1 u8 }} {{ eq u8 -1 }}") ==
        "true true true false false");
  CHECK(render_values("{{ eq u8 7.0 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq u8 7.0>: error calling eq: incompatible types for comparison)~");
  CHECK(render_values("{{ eq .Obj .Obj }} {{ eq .Obj.Self .Obj }} {{ eq .Obj nil }}") == "true true false");
  CHECK(render_values("{{ eq .Obj 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq .Obj 1>: error calling eq: incompatible types for comparison)~");
  CHECK(render_values("{{ eq .Obj.Tags .Obj.Tags }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <eq .Obj.Tags .Obj.Tags>: error calling eq: non-comparable type [a b]: []string)~");
}

TEST_CASE("tmpl::builtin ne")
{
  CHECK(render_values(R"~({{ ne 1 2 }} {{ ne "a" "a" }} {{ ne nil 1 }})~") == "true false true");
  CHECK(render_values("{{ ne 1 2 3 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <ne>: wrong number of args for ne: want 2 got 3)~");
  CHECK(render_values(R"~({{ ne 1 "a" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <ne 1 "a">: error calling ne: incompatible types for comparison)~");
  CHECK(render_values("{{ 1 | ne }}") ==
        R"~(ERR: template: t:1:7: executing "t" at <ne>: wrong number of args for ne: want 2 got 1)~");
}

TEST_CASE("tmpl::builtin lt, le, gt and ge")
{
  CHECK(render_values(R"~({{ lt 1 2 }} {{ lt 2 1 }} {{ lt 1.5 2.5 }} {{ lt "a" "b" }} {{ lt "b" "a" }} {{ lt -1 u8 }} {{ lt u8 8 }} {{ lt u8 -1 }})~") ==
        "true false true true false true true false");
  CHECK(render_values(R"~({{ le 1 1 }} {{ le 2 1 }} {{ le "a" "a" }} {{ le 1.5 1.0 }})~") == "true false true false");
  CHECK(render_values(R"~({{ gt 1 2 }} {{ gt 2 1 }} {{ gt "b" "a" }} {{ gt 2.5 1.5 }})~") == "false true true true");
  CHECK(render_values(R"~({{ ge 1 1 }} {{ ge 1 2 }} {{ ge "a" "b" }})~") == "true false false");
  CHECK(render_values(R"~({{ lt 1 "a" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <lt 1 "a">: error calling lt: incompatible types for comparison)~");
  CHECK(render_values("{{ lt 1 1.5 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <lt 1 1.5>: error calling lt: incompatible types for comparison)~");
  CHECK(render_values("{{ lt true false }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <lt true false>: error calling lt: invalid type for comparison)~");
  CHECK(render_values("{{ lt nil 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <lt nil 1>: error calling lt: invalid type for comparison)~");
  CHECK(render_values("{{ lt 1 nil }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <lt 1 nil>: error calling lt: invalid type for comparison)~");
  CHECK(render_values("{{ lt .Values.m 1 }}", R"~({"m": {"a": 1}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <lt .Values.m 1>: error calling lt: invalid type for comparison)~");
  CHECK(render_values("{{ lt .Values.i 2 }}", R"~({"i": 3})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <lt .Values.i 2>: error calling lt: incompatible types for comparison)~");
  CHECK(render_values("{{ lt .Values.i 2.0 }} {{ gt .Values.i 2.5 }}", R"~({"i": 3})~") == "false true");
  CHECK(render_values(R"~({{ le 1 "a" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <le 1 "a">: error calling le: incompatible types for comparison)~");
  CHECK(render_values("{{ gt true true }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <gt true true>: error calling gt: invalid type for comparison)~");
  CHECK(render_values("{{ ge nil nil }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <ge nil nil>: error calling ge: invalid type for comparison)~");
  CHECK(render_values("{{ 2 | lt 1 }} {{ 1 | eq 1 }} {{ 2 | eq 1 }} {{ eq 1 | not }}") ==
        R"~(ERR: template: t:1:48: executing "t" at <eq 1>: error calling eq: missing argument for comparison)~");
  CHECK(render_values(R"~({{ "a" | eq "a" }} {{ "b" | eq "a" "c" }})~") == "true false");
}
