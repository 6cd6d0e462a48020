#pragma once
/// Prices of the cloud resources of [cloud] (aws.pave.dev/v1 objects, see
/// lib/cloud/desired.hpp): S3 buckets (storage and requests from the usage
/// file), Route 53 hosted zones (plus queries), health checks (by type and
/// interval), Auto Scaling group capacity (instance type from the usage
/// file, desired count; min and max as the range). Record sets cost nothing
/// by themselves: queries are billed to their zone.
#include <pave/cost/estimate.hpp>
#include <pave/cost/json_member.hpp>
#include <pave/cost/rates.hpp>

namespace pave::cost {

/// Fills item.components for a cloud object of item.kind; false when the kind
/// costs nothing by itself. Errors: an unknown instance type.
util::Result<bool> price_cloud(Value object, const Rates& rates, LineItem& item);

} // namespace pave::cost
