#pragma once
/// Go's shortest float formatting (strconv.FormatFloat with precision -1) and
/// encoding/json's float encoder, as the codecs need them.
#include <string>

namespace pave::codec {

/// strconv.AppendFloat(out, f, fmt, -1, bits) for fmt 'e', 'f' or 'g' and
/// bits 64 or 32 (the value is rounded to float32 first): "1e+21",
/// "1.234567e+06", "0.000001", "+Inf", "NaN".
void append_go_float(std::string& out, double f, char fmt, int bits = 64);
std::string go_float(double f, char fmt, int bits = 64);

/// encoding/json's float64 encoding: 'f' form, or 'e' form (with a one-digit
/// negative exponent, "1e-7") below 1e-6 or from 1e21. Precondition: finite.
void append_json_float(std::string& out, double f);

} // namespace pave::codec
