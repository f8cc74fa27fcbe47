// sim/send/chunked_vector.hpp: ChunkedVector, a vector that grows by fixed
// chunks instead of doubling: elements never move, and growing never holds
// the old and the new copy at once (the peak memory of a vector that doubles
// is twice its size at the last doubling). Indexing is a shift and a mask.
// The children of a replication are held in one (send/world.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace sendsim::send {

template <class T, std::size_t kChunkBits = 14>
class ChunkedVector {
 public:
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  T& operator[](std::size_t i) noexcept { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  const T& operator[](std::size_t i) const noexcept { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  T& back() noexcept { return (*this)[size_ - 1]; }

  void push_back(const T& value) {
    if ((size_ & (kChunk - 1)) == 0 && (size_ >> kChunkBits) == chunks_.size()) {
      chunks_.push_back(std::make_unique<T[]>(kChunk));
    }
    (*this)[size_++] = value;
  }

  template <class V>
  class Iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    Iterator(V* v, std::size_t i) : v_(v), i_(i) {}
    auto& operator*() const { return (*v_)[i_]; }
    auto* operator->() const { return &(*v_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    V* v_;
    std::size_t i_;
  };
  [[nodiscard]] Iterator<const ChunkedVector> begin() const { return {this, 0}; }
  [[nodiscard]] Iterator<const ChunkedVector> end() const { return {this, size_}; }
  [[nodiscard]] Iterator<ChunkedVector> begin() { return {this, 0}; }
  [[nodiscard]] Iterator<ChunkedVector> end() { return {this, size_}; }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t size_ = 0;
};

}  // namespace sendsim::send
