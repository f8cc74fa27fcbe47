// tests/engine/rng_test.cpp: the generator, the stream keys and the
// distributions of engine/rng.hpp.
//
// Known outputs were computed with an independent Python transcription of the
// reference splitmix64.c and xoshiro256starstar.c (Blackman and Vigna), itself
// checked against the published vectors: xoshiro256** from state {1, 2, 3, 4}
// gives 11520, 0, 1509978240, 1215971899390074240, and splitmix64 from seed 0
// gives 0xe220a8397b1dcdaf first.
//
// Statistical checks use fixed seeds, so they are deterministic; each
// tolerance is 6 standard errors of the statistic (or a chi-square critical
// value at p = 1e-6), wide enough never to fail by chance for any seed one
// might pick, and narrow enough to catch a wrong rate, a wrong branch or a
// biased reduction.
#include "engine/rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

namespace sendsim::engine {
namespace {

constexpr double kSigmas = 6.0;

// Mean and sample variance of a vector.
struct Moments {
  double mean = 0.0;
  double var = 0.0;
};
Moments moments(const std::vector<double>& x) {
  double sum = 0.0;
  for (double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return {mean, ss / static_cast<double>(x.size() - 1)};
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const Moments ma = moments(a);
  const Moments mb = moments(b);
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - ma.mean) * (b[i] - mb.mean);
  return s / static_cast<double>(a.size() - 1) / std::sqrt(ma.var * mb.var);
}

// Pearson's chi-square statistic of observed counts against expected ones,
// and the critical value for its degrees of freedom at p = 1e-6.
struct ChiSquare {
  double statistic = 0.0;
  double critical = 0.0;
};
ChiSquare chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  ChiSquare c;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double d = observed[i] - expected[i];
    c.statistic += d * d / expected[i];
  }
  const boost::math::chi_squared dist(static_cast<double>(observed.size() - 1));
  c.critical = boost::math::quantile(boost::math::complement(dist, 1e-6));
  return c;
}

// Expects the sample mean of `n` draws within kSigmas standard errors of `mean`
// and the sample variance within kSigmas standard errors of `var` (the
// standard error of a variance estimate from the fourth central moment `mu4`).
void expect_moments(const std::vector<double>& x, double mean, double var, double mu4, const char* what) {
  const auto n = static_cast<double>(x.size());
  const Moments m = moments(x);
  EXPECT_NEAR(m.mean, mean, kSigmas * std::sqrt(var / n)) << what;
  EXPECT_NEAR(m.var, var, kSigmas * std::sqrt((mu4 - var * var) / n)) << what;
}

TEST(Rng, Mix64AndStreamKeyKnownValues) {
  static_assert(mix64(0) == 0);
  EXPECT_EQ(mix64(1), 0x5692161d100b05e5ULL);
  EXPECT_EQ(stream_key(1, 2, 3), 0xa55bdf37c08724b5ULL);
  EXPECT_EQ(stream_key(2024, 0, stream_id("arrivals")), 0x03fc001ae04a703eULL);
}

TEST(Rng, StreamIdIsFnv1a64) {
  static_assert(stream_id("") == 0xcbf29ce484222325ULL);
  static_assert(stream_id("a") == 0xaf63dc4c8601ec8cULL);
  static_assert(stream_id("foobar") == 0x85944171f73967e8ULL);
  EXPECT_EQ(stream_id("arrivals"), 0xb10bc22ca203cc53ULL);
  EXPECT_NE(stream_id("arrivals"), stream_id("service"));
}

TEST(Rng, KnownFirstOutputsForAFixedKey) {
  Rng rng(42);
  const std::array<std::uint64_t, 5> expected = {0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL,
                                                 0xae17533239e499a1ULL, 0xecb8ad4703b360a1ULL,
                                                 0xfde6dc7fe2ec5e64ULL};
  for (std::uint64_t e : expected) EXPECT_EQ(rng(), e);
}

TEST(Rng, KnownFirstOutputsForAStream) {
  Rng rng(2024, 3, 7);
  const std::array<std::uint64_t, 4> expected = {0xedb422973a4f8f7aULL, 0x4afa9752776f9aa0ULL,
                                                 0xe7ad2f6b4261c656ULL, 0x6b137588f06cfa51ULL};
  for (std::uint64_t e : expected) EXPECT_EQ(rng(), e);
  Rng same(stream_key(2024, 3, 7));
  Rng again(2024, 3, 7);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(same(), again());
}

TEST(Rng, SameKeySameSequenceAndReseedRestarts) {
  Rng a(2024, 5, stream_id("placement"));
  Rng b(2024, 5, stream_id("placement"));
  std::vector<std::uint64_t> first;
  for (int i = 0; i < 10000; ++i) {
    const std::uint64_t x = a();
    ASSERT_EQ(x, b());
    first.push_back(x);
  }
  EXPECT_EQ(a.uniform(), b.uniform());
  EXPECT_EQ(a.exponential(2.0), b.exponential(2.0));
  EXPECT_EQ(a.poisson(50.0), b.poisson(50.0));
  EXPECT_EQ(a.normal(), b.normal());
  a.seed(stream_key(2024, 5, stream_id("placement")));
  for (std::uint64_t x : first) ASSERT_EQ(a(), x);
}

TEST(Rng, DifferentReplicationsAndStreamsGiveDifferentSequences) {
  const std::uint64_t master = 12345;
  std::vector<std::vector<std::uint64_t>> seqs;
  for (std::uint64_t rep = 0; rep < 4; ++rep) {
    for (std::uint64_t stream = 0; stream < 4; ++stream) {
      Rng r(master, rep, stream);
      std::vector<std::uint64_t> s;
      for (int i = 0; i < 64; ++i) s.push_back(r());
      seqs.push_back(s);
    }
  }
  Rng other_master(master + 1, 0, 0);
  std::vector<std::uint64_t> s;
  for (int i = 0; i < 64; ++i) s.push_back(other_master());
  seqs.push_back(s);
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    for (std::size_t j = i + 1; j < seqs.size(); ++j) {
      int equal = 0;
      for (std::size_t k = 0; k < 64; ++k) equal += seqs[i][k] == seqs[j][k];
      EXPECT_EQ(equal, 0) << "sequences " << i << " and " << j;
    }
  }
  // Swapping replication and stream gives a different key.
  EXPECT_NE(stream_key(master, 1, 2), stream_key(master, 2, 1));
}

// Neighbouring keys (consecutive replications and stream ids, the worst case
// for a poor seeding) give uncorrelated streams, also at lag 1.
TEST(Rng, StreamsAreUncorrelated) {
  constexpr int kN = 100000;
  const double limit = kSigmas / std::sqrt(static_cast<double>(kN));  // about 0.019
  auto draws = [](Rng r) {
    std::vector<double> x(kN);
    for (double& v : x) v = r.uniform();
    return x;
  };
  const std::vector<std::vector<double>> streams = {draws(Rng(7, 0, 0)), draws(Rng(7, 1, 0)),
                                                    draws(Rng(7, 0, 1)), draws(Rng(7, 1, 1)),
                                                    draws(Rng(8, 0, 0)), draws(Rng(7, 2, 0))};
  for (std::size_t i = 0; i < streams.size(); ++i) {
    for (std::size_t j = i + 1; j < streams.size(); ++j) {
      EXPECT_LT(std::abs(correlation(streams[i], streams[j])), limit) << i << " vs " << j;
    }
    const std::vector<double> head(streams[i].begin(), streams[i].end() - 1);
    const std::vector<double> tail(streams[i].begin() + 1, streams[i].end());
    EXPECT_LT(std::abs(correlation(head, tail)), limit) << "lag 1 in stream " << i;
  }
}

TEST(Rng, UniformMomentsAndRange) {
  Rng rng(1, 0, stream_id("uniform"));
  std::vector<double> x(1000000);
  double lo = 1.0;
  double hi = 0.0;
  for (double& v : x) {
    v = rng.uniform();
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_LT(lo, 1e-5);
  EXPECT_GT(hi, 1.0 - 1e-5);
  expect_moments(x, 0.5, 1.0 / 12.0, 1.0 / 80.0, "uniform");
  // Ten equal bins.
  std::vector<double> counts(10, 0.0);
  for (double v : x) counts[static_cast<std::size_t>(v * 10.0)] += 1.0;
  const ChiSquare c = chi_square(counts, std::vector<double>(10, 100000.0));
  EXPECT_LT(c.statistic, c.critical);

  for (int i = 0; i < 100000; ++i) {
    const double v = rng.uniform(-3.0, 5.0);
    ASSERT_GE(v, -3.0);
    ASSERT_LT(v, 5.0);
  }
}

TEST(Rng, ExponentialMomentsAndTail) {
  Rng rng(2, 0, stream_id("exponential"));
  const double rate = 2.5;
  std::vector<double> x(1000000);
  int above_mean = 0;
  for (double& v : x) {
    v = rng.exponential(rate);
    ASSERT_GE(v, 0.0);
    above_mean += v > 1.0 / rate;
  }
  const double m = 1.0 / rate;
  // Central moments of the exponential: variance m^2, fourth 9 m^4.
  expect_moments(x, m, m * m, 9.0 * m * m * m * m, "exponential");
  const double p = std::exp(-1.0);
  const double n = static_cast<double>(x.size());
  EXPECT_NEAR(above_mean / n, p, kSigmas * std::sqrt(p * (1 - p) / n));
}

// Observed frequencies of a discrete sampler against its probability mass
// function, pooling cells with expected count below 5 into the tails.
ChiSquare poisson_fit(Rng& rng, double mean, int n) {
  const int top = static_cast<int>(mean + 12.0 * std::sqrt(mean) + 20.0);
  std::vector<double> observed(static_cast<std::size_t>(top) + 1, 0.0);
  for (int i = 0; i < n; ++i) {
    const std::uint64_t k = rng.poisson(mean);
    observed[std::min<std::size_t>(static_cast<std::size_t>(k), observed.size() - 1)] += 1.0;
  }
  std::vector<double> pmf(observed.size());
  double cumulative = 0.0;
  for (std::size_t k = 0; k + 1 < pmf.size(); ++k) {
    pmf[k] =
        std::exp(-mean + static_cast<double>(k) * std::log(mean) - std::lgamma(static_cast<double>(k) + 1.0));
    cumulative += pmf[k];
  }
  pmf.back() = std::max(0.0, 1.0 - cumulative);
  std::vector<double> obs;
  std::vector<double> expected;
  double pending_obs = 0.0;
  double pending_exp = 0.0;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    pending_obs += observed[k];
    pending_exp += pmf[k] * n;
    if (pending_exp >= 5.0) {
      obs.push_back(pending_obs);
      expected.push_back(pending_exp);
      pending_obs = pending_exp = 0.0;
    }
  }
  obs.back() += pending_obs;
  expected.back() += pending_exp;
  return chi_square(obs, expected);
}

TEST(Rng, PoissonSmallMeanMultiplicationMethod) {
  Rng rng(3, 0, stream_id("poisson"));
  for (double mean : {0.1, 1.0, 3.5, 9.99}) {
    std::vector<double> x(200000);
    for (double& v : x) v = static_cast<double>(rng.poisson(mean));
    // Poisson: variance = mean, fourth central moment = 3 mean^2 + mean.
    expect_moments(x, mean, mean, 3 * mean * mean + mean, "poisson small");
    const ChiSquare c = poisson_fit(rng, mean, 200000);
    EXPECT_LT(c.statistic, c.critical) << "mean " << mean;
  }
}

TEST(Rng, PoissonLargeMeanTransformedRejection) {
  Rng rng(4, 0, stream_id("poisson"));
  for (double mean : {10.0, 25.0, 250.0, 5000.0}) {
    std::vector<double> x(200000);
    for (double& v : x) v = static_cast<double>(rng.poisson(mean));
    expect_moments(x, mean, mean, 3 * mean * mean + mean, "poisson large");
    const ChiSquare c = poisson_fit(rng, mean, 200000);
    EXPECT_LT(c.statistic, c.critical) << "mean " << mean;
  }
}

TEST(Rng, PoissonOfZeroOrNegativeMeanIsZero) {
  Rng rng(5);
  EXPECT_EQ(rng.poisson(0.0), 0U);
  EXPECT_EQ(rng.poisson(-1.0), 0U);
  EXPECT_EQ(rng.poisson(std::nan("")), 0U);
}

TEST(Rng, TriangularMomentsAndMode) {
  Rng rng(6, 0, stream_id("triangular"));
  const double a = 1.0;
  const double c = 2.0;  // mode
  const double b = 5.0;
  std::vector<double> x(1000000);
  int below_mode = 0;
  for (double& v : x) {
    v = rng.triangular(a, c, b);
    ASSERT_GE(v, a);
    ASSERT_LE(v, b);
    below_mode += v < c;
  }
  const double mean = (a + b + c) / 3.0;
  const double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
  // The variance check bounds the fourth central moment by (b - a)^4 / 16,
  // which no distribution on [a, b] exceeds.
  const double n = static_cast<double>(x.size());
  const Moments m = moments(x);
  EXPECT_NEAR(m.mean, mean, kSigmas * std::sqrt(var / n));
  EXPECT_NEAR(m.var, var, kSigmas * std::sqrt(std::pow(b - a, 4) / 16.0 / n));
  const double p = (c - a) / (b - a);  // the CDF at the mode
  EXPECT_NEAR(below_mode / n, p, kSigmas * std::sqrt(p * (1 - p) / n));
}

TEST(Rng, TriangularEdgeModes) {
  Rng rng(7, 0, stream_id("triangular"));
  std::vector<double> left(200000);
  std::vector<double> right(200000);
  for (double& v : left) v = rng.triangular(0.0, 0.0, 1.0);
  for (double& v : right) v = rng.triangular(0.0, 1.0, 1.0);
  // Mode at an end: mean 1/3 or 2/3, variance 1/18.
  const double se = kSigmas * std::sqrt(1.0 / 18.0 / 200000.0);
  EXPECT_NEAR(moments(left).mean, 1.0 / 3.0, se);
  EXPECT_NEAR(moments(right).mean, 2.0 / 3.0, se);
  EXPECT_EQ(rng.triangular(3.0, 3.0, 3.0), 3.0);
  EXPECT_EQ(rng.triangular(3.0, 3.0, 2.0), 3.0);  // hi <= lo: lo
}

TEST(Rng, DiscreteFollowsTheWeights) {
  Rng rng(8, 0, stream_id("discrete"));
  const std::array<double, 4> weights = {1.0, 0.0, 3.0, 6.0};
  std::vector<double> counts(4, 0.0);
  constexpr int kN = 1000000;
  for (int i = 0; i < kN; ++i) counts[rng.discrete(weights)] += 1.0;
  EXPECT_EQ(counts[1], 0.0);  // zero weight: never
  const ChiSquare c = chi_square({counts[0], counts[2], counts[3]}, {0.1 * kN, 0.3 * kN, 0.6 * kN});
  EXPECT_LT(c.statistic, c.critical);
  const std::array<double, 3> one = {0.0, 2.5, 0.0};
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(rng.discrete(one), 1U);
  const std::array<double, 1> single = {4.0};
  EXPECT_EQ(rng.discrete(single), 0U);
}

TEST(Rng, BelowIsUnbiased) {
  Rng rng(9, 0, stream_id("below"));
  // Small n: all residues equally likely.
  for (std::uint64_t n : {2ULL, 3ULL, 7ULL, 10ULL}) {
    std::vector<double> counts(n, 0.0);
    const int draws = 200000;
    for (int i = 0; i < draws; ++i) {
      const std::uint64_t k = rng.below(n);
      ASSERT_LT(k, n);
      counts[k] += 1.0;
    }
    const ChiSquare c =
        chi_square(counts, std::vector<double>(n, static_cast<double>(draws) / static_cast<double>(n)));
    EXPECT_LT(c.statistic, c.critical) << "n " << n;
  }
  for (int i = 0; i < 100; ++i) ASSERT_EQ(rng.below(1), 0U);

  // n = 3/4 of 2^64, where bias would be gross. A modulo reduction gives
  // the lowest third of the range probability 1/2; multiply-shift without
  // Lemire's rejection step maps two 64-bit inputs to every multiple of 3 and
  // one to the others, so multiples of 3 get probability 1/2. Unbiased: 1/3.
  const std::uint64_t n = 0xC000000000000000ULL;
  constexpr int kN = 400000;
  int lower_third = 0;
  int multiple_of_3 = 0;
  for (int i = 0; i < kN; ++i) {
    const std::uint64_t k = rng.below(n);
    ASSERT_LT(k, n);
    lower_third += k < n / 3;
    multiple_of_3 += k % 3 == 0;
  }
  const double se = kSigmas * std::sqrt(2.0 / 9.0 / kN);
  EXPECT_NEAR(static_cast<double>(lower_third) / kN, 1.0 / 3.0, se);
  EXPECT_NEAR(static_cast<double>(multiple_of_3) / kN, 1.0 / 3.0, se);
}

TEST(Rng, BernoulliAndNormal) {
  Rng rng(10, 0, stream_id("misc"));
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(rng.bernoulli(0.0));
    ASSERT_TRUE(rng.bernoulli(1.0));
  }
  constexpr int kN = 1000000;
  int hits = 0;
  for (int i = 0; i < kN; ++i) hits += rng.bernoulli(0.3);
  EXPECT_NEAR(static_cast<double>(hits) / kN, 0.3, kSigmas * std::sqrt(0.3 * 0.7 / kN));

  std::vector<double> x(kN);
  int inside = 0;
  for (double& v : x) {
    v = rng.normal();
    inside += std::abs(v) < 1.959963984540054;
  }
  expect_moments(x, 0.0, 1.0, 3.0, "normal");
  EXPECT_NEAR(static_cast<double>(inside) / kN, 0.95, kSigmas * std::sqrt(0.95 * 0.05 / kN));
}

TEST(Rng, SatisfiesUniformRandomBitGenerator) {
  static_assert(Rng::min() == 0);
  static_assert(Rng::max() == ~std::uint64_t{0});
  Rng rng(11);
  // High and low bits are both used: over 4096 draws each bit is set about half the time.
  std::array<int, 64> ones{};
  for (int i = 0; i < 4096; ++i) {
    const std::uint64_t x = rng();
    for (int b = 0; b < 64; ++b) ones[static_cast<std::size_t>(b)] += static_cast<int>((x >> b) & 1U);
  }
  for (int b = 0; b < 64; ++b) {
    EXPECT_NEAR(ones[static_cast<std::size_t>(b)], 2048, kSigmas * 32) << "bit " << b;
  }
}

}  // namespace
}  // namespace sendsim::engine
