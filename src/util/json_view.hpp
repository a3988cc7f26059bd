#pragma once

// A read-only view of a JSON report that never fails: a missing key, a wrong index or a value of
// another type reads as null (numbers as NaN, which renderers print as "-", strings as "", flags
// as false). Renderers and diffs read saved reports through it, so a hand-edited report that
// still passes the schema renders instead of crashing.

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace edgecalc {

class JsonView {
 public:
  using Json = nlohmann::ordered_json;

  JsonView(const Json& json) : json_(&json) {}  // NOLINT: implicit on purpose

  JsonView operator[](std::string_view key) const {
    if (json_->is_object())
      if (const auto it = json_->find(key); it != json_->end()) return JsonView(*it);
    return JsonView(null());
  }
  JsonView operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  JsonView operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }

  bool is_null() const { return json_->is_null(); }
  bool is_object() const { return json_->is_object(); }
  bool is_array() const { return json_->is_array(); }
  bool is_number() const { return json_->is_number(); }
  bool is_string() const { return json_->is_string(); }
  bool contains(std::string_view key) const { return json_->is_object() && json_->contains(key); }
  // Arrays and objects: their size; anything else is empty.
  std::size_t size() const { return json_->is_array() || json_->is_object() ? json_->size() : 0; }
  bool empty() const { return size() == 0; }
  // Element `i` of an array; null past its end or for anything else.
  JsonView at(std::size_t i) const {
    return json_->is_array() && i < json_->size() ? JsonView((*json_)[i]) : JsonView(null());
  }

  double number() const { return json_->is_number() ? json_->get<double>() : NAN; }
  std::string text() const { return json_->is_string() ? json_->get<std::string>() : std::string(); }
  bool flag() const { return json_->is_boolean() && json_->get<bool>(); }
  const Json& json() const { return *json_; }

  // Iterates the elements of an array (nothing for any other value).
  class iterator {
   public:
    explicit iterator(Json::const_iterator it) : it_(it) {}
    JsonView operator*() const { return JsonView(*it_); }
    iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return it_ != other.it_; }

   private:
    Json::const_iterator it_;
  };
  iterator begin() const { return iterator(json_->is_array() ? json_->cbegin() : null().cbegin()); }
  iterator end() const { return iterator(json_->is_array() ? json_->cend() : null().cend()); }

 private:
  static const Json& null() {
    static const Json value;
    return value;
  }
  const Json* json_;
};

}  // namespace edgecalc
