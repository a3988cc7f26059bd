#pragma once

// Network classes are data: one row per connectivity.network value, each number with its
// source or stated assumption. Profiles override them with connectivity.rtt/uplink/outage.

#include <span>
#include <string_view>

#include <edgecalc/domain/names.hpp>

namespace edgecalc {

struct NetworkClass {
  Network network;
  bool has_link;          // false for `none`
  double rtt_low_s;       // round trip device <-> cloud region, typical
  double rtt_high_s;      // ... at the 95th percentile
  double uplink_bytes_per_s;
  double outage_s;        // typical length of one loss of connectivity
  double data_price_per_gb;  // what the link charges per GB sent (USD; 0 for flat-rate links)
  std::string_view rtt_source;
  std::string_view uplink_source;
  std::string_view outage_source;
  std::string_view data_price_source;
};

// Every network class, in the order of network_names().
std::span<const NetworkClass> network_classes();

// The row for `network` (every Network has one).
const NetworkClass& network_class(Network network);

}  // namespace edgecalc
