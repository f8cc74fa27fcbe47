// sim/engine/rng.hpp: random number streams.
//
// Generator: xoshiro256** 1.0 (Blackman and Vigna, 2018), 256 bits of state,
// period 2^256 - 1, about 1 ns a draw.
//
// Streams: each stochastic component of a model draws from its own stream,
// and a stream's state depends only on (master seed, replication, stream id):
//
//   key   = mix(mix(mix(master_seed) ^ replication) ^ stream_id)   (mix: the
//           splitmix64 finaliser, a bijection on 64 bits with full avalanche)
//   state = four successive outputs of splitmix64 seeded with key
//
// So adding a stream, a replication or a thread never shifts the draws of
// another stream; two runs with the same master seed see the same numbers in
// each (replication, stream) whatever the number of threads or processes; and
// two scenarios compared under the same seed share their streams (common
// random numbers).
//
// Distributions are written here, not taken from <random>, whose algorithms
// differ between standard libraries: results must be the same bytes on every
// platform.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace sendsim::engine {

/// The splitmix64 finaliser: a bijective 64-bit mixing function.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// The stream key for (master seed, replication, stream id); see above.
[[nodiscard]] constexpr std::uint64_t stream_key(std::uint64_t master_seed, std::uint64_t replication,
                                                 std::uint64_t stream_id) noexcept {
  return mix64(mix64(mix64(master_seed) ^ replication) ^ stream_id);
}

/// A stream name hashed to a stream id (FNV-1a, 64 bit), so models can name
/// their streams ("arrivals", "placement") instead of numbering them.
[[nodiscard]] constexpr std::uint64_t stream_id(const char* name) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (; *name != '\0'; ++name) {
    h ^= static_cast<unsigned char>(*name);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// xoshiro256** with the distributions sendsim uses.
class Rng {
 public:
  using result_type = std::uint64_t;

  /// A generator seeded from one 64-bit key via splitmix64.
  explicit Rng(std::uint64_t key = 0) noexcept { seed(key); }
  /// The stream for (master seed, replication, stream id).
  Rng(std::uint64_t master_seed, std::uint64_t replication, std::uint64_t stream) noexcept {
    seed(stream_key(master_seed, replication, stream));
  }

  void seed(std::uint64_t key) noexcept {
    for (auto& word : s_) {
      key += 0x9e3779b97f4a7c15ULL;
      word = mix64(key);
    }
  }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  /// The next 64 random bits.
  result_type operator()() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform on [0, 1) with 53 random bits.
  double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  /// Uniform on [a, b).
  double uniform(double a, double b) noexcept { return a + (b - a) * uniform(); }

  /// Uniform integer on [0, n) without bias (Lemire's method). n > 0.
  std::uint64_t below(std::uint64_t n) noexcept {
    __uint128_t m = static_cast<__uint128_t>((*this)()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<__uint128_t>((*this)()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  /// True with probability p (p <= 0 never, p >= 1 always).
  bool bernoulli(double p) noexcept { return uniform() < p; }

  /// Exponential with the given rate (mean 1 / rate). rate > 0.
  double exponential(double rate) noexcept { return -std::log1p(-uniform()) / rate; }

  /// Standard normal (Marsaglia polar method, no cached second value so the
  /// stream position depends only on the number of calls).
  double normal() noexcept {
    for (;;) {
      const double u = 2.0 * uniform() - 1.0;
      const double v = 2.0 * uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
    }
  }

  /// Poisson with the given mean: multiplication for small means, the PTRS
  /// transformed rejection (Hormann 1993) for means of 10 and over.
  std::uint64_t poisson(double mean) noexcept;

  /// Triangular on [lo, hi] with mode `mode` (lo <= mode <= hi).
  double triangular(double lo, double mode, double hi) noexcept {
    if (hi <= lo) return lo;
    const double u = uniform();
    const double f = (mode - lo) / (hi - lo);
    if (u < f) return lo + std::sqrt(u * (hi - lo) * (mode - lo));
    return hi - std::sqrt((1.0 - u) * (hi - lo) * (hi - mode));
  }

  /// Index drawn with probability proportional to `weights` (non-negative,
  /// not all zero). Linear scan: for the short lists models use.
  std::size_t discrete(std::span<const double> weights) noexcept {
    double total = 0.0;
    for (double w : weights) total += w;
    double u = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (u < weights[i]) return i;
      u -= weights[i];
    }
    // Rounding: return the last index with positive weight.
    for (std::size_t i = weights.size(); i-- > 0;) {
      if (weights[i] > 0.0) return i;
    }
    return 0;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

}  // namespace sendsim::engine
