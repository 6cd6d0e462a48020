#pragma once
/// Go 1.19's sort.Sort (pattern-defeating quicksort), ported so that orders
/// from comparators that are not strict weak orders (yaml.v2's "natural" key
/// order) come out exactly as in Go.
#include <bit>
#include <span>
#include <cstdint>
#include <utility>
#include <vector>

namespace pave::codec {

namespace go_sort_detail {

template <class T, class Less> struct Sorter
{
  std::span<T> d;
  Less& less;

  bool lt(int i, int j) { return less(d[static_cast<std::size_t>(i)], d[static_cast<std::size_t>(j)]); }
  void swap(int i, int j) { std::swap(d[static_cast<std::size_t>(i)], d[static_cast<std::size_t>(j)]); }

  void insertion_sort(int a, int b)
  {
    for (int i = a + 1; i < b; ++i) {
      for (int j = i; j > a && lt(j, j - 1); --j) {
        swap(j, j - 1);
      }
    }
  }

  void sift_down(int lo, int hi, int first)
  {
    int root = lo;
    while (true) {
      int child = 2 * root + 1;
      if (child >= hi) {
        break;
      }
      if (child + 1 < hi && lt(first + child, first + child + 1)) {
        ++child;
      }
      if (!lt(first + root, first + child)) {
        return;
      }
      swap(first + root, first + child);
      root = child;
    }
  }

  void heap_sort(int a, int b)
  {
    const int first = a;
    const int hi = b - a;
    for (int i = (hi - 1) / 2; i >= 0; --i) {
      sift_down(i, hi, first);
    }
    for (int i = hi - 1; i >= 0; --i) {
      swap(first, first + i);
      sift_down(0, i, first);
    }
  }

  enum Hint { unknown, increasing, decreasing };

  std::pair<int, int> order2(int a, int b, int& swaps)
  {
    if (lt(b, a)) {
      ++swaps;
      return {b, a};
    }
    return {a, b};
  }

  int median(int a, int b, int c, int& swaps)
  {
    std::tie(a, b) = order2(a, b, swaps);
    std::tie(b, c) = order2(b, c, swaps);
    std::tie(a, b) = order2(a, b, swaps);
    return b;
  }

  std::pair<int, Hint> choose_pivot(int a, int b)
  {
    const int l = b - a;
    int swaps = 0;
    int i = a + l / 4 * 1;
    int j = a + l / 4 * 2;
    int k = a + l / 4 * 3;
    if (l >= 8) {
      if (l >= 50) {
        i = median(i - 1, i, i + 1, swaps);
        j = median(j - 1, j, j + 1, swaps);
        k = median(k - 1, k, k + 1, swaps);
      }
      j = median(i, j, k, swaps);
    }
    if (swaps == 0) return {j, increasing};
    if (swaps == 12) return {j, decreasing};
    return {j, unknown};
  }

  void reverse_range(int a, int b)
  {
    for (int i = a, j = b - 1; i < j; ++i, --j) {
      swap(i, j);
    }
  }

  bool partial_insertion_sort(int a, int b)
  {
    int i = a + 1;
    for (int step = 0; step < 5; ++step) {
      while (i < b && !lt(i, i - 1)) {
        ++i;
      }
      if (i == b) {
        return true;
      }
      if (b - a < 50) {
        return false;
      }
      swap(i, i - 1);
      if (i - a >= 2) {
        for (int j = i - 1; j >= 1; --j) {
          if (!lt(j, j - 1)) break;
          swap(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (int j = i + 1; j < b; ++j) {
          if (!lt(j, j - 1)) break;
          swap(j, j - 1);
        }
      }
    }
    return false;
  }

  void break_patterns(int a, int b)
  {
    const int length = b - a;
    if (length >= 8) {
      std::uint64_t random = static_cast<std::uint64_t>(length);
      const unsigned modulus = 1u << std::bit_width(static_cast<unsigned>(length));
      for (int idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; ++idx) {
        random ^= random << 13;
        random ^= random >> 17;
        random ^= random << 5;
        int other = static_cast<int>(static_cast<unsigned>(random) & (modulus - 1));
        if (other >= length) {
          other -= length;
        }
        swap(idx, a + other);
      }
    }
  }

  int partition_equal(int a, int b, int pivot)
  {
    swap(a, pivot);
    int i = a + 1;
    int j = b - 1;
    while (true) {
      while (i <= j && !lt(a, i)) ++i;
      while (i <= j && lt(a, j)) --j;
      if (i > j) break;
      swap(i, j);
      ++i;
      --j;
    }
    return i;
  }

  std::pair<int, bool> partition(int a, int b, int pivot)
  {
    swap(a, pivot);
    int i = a + 1;
    int j = b - 1;
    while (i <= j && lt(i, a)) ++i;
    while (i <= j && !lt(j, a)) --j;
    if (i > j) {
      swap(j, a);
      return {j, true};
    }
    swap(i, j);
    ++i;
    --j;
    while (true) {
      while (i <= j && lt(i, a)) ++i;
      while (i <= j && !lt(j, a)) --j;
      if (i > j) break;
      swap(i, j);
      ++i;
      --j;
    }
    swap(j, a);
    return {j, false};
  }

  void pdqsort(int a, int b, int limit)
  {
    bool was_balanced = true;
    bool was_partitioned = true;
    while (true) {
      const int length = b - a;
      if (length <= 12) {
        insertion_sort(a, b);
        return;
      }
      if (limit == 0) {
        heap_sort(a, b);
        return;
      }
      if (!was_balanced) {
        break_patterns(a, b);
        --limit;
      }
      auto [pivot, hint] = choose_pivot(a, b);
      if (hint == decreasing) {
        reverse_range(a, b);
        pivot = (b - 1) - (pivot - a);
        hint = increasing;
      }
      if (was_balanced && was_partitioned && hint == increasing) {
        if (partial_insertion_sort(a, b)) {
          return;
        }
      }
      if (a > 0 && !lt(a - 1, pivot)) {
        a = partition_equal(a, b, pivot);
        continue;
      }
      const auto [mid, already] = partition(a, b, pivot);
      was_partitioned = already;
      const int left = mid - a;
      const int right = b - mid;
      const int threshold = length / 8;
      if (left < right) {
        was_balanced = left >= threshold;
        pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        was_balanced = right >= threshold;
        pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }
};

} // namespace go_sort_detail

/// sort.Sort(data) with `less(x, y)` as data.Less.
template <class T, class Less> void go_sort(std::span<T> data, Less less)
{
  const int n = static_cast<int>(data.size());
  if (n <= 1) {
    return;
  }
  go_sort_detail::Sorter<T, Less> s{data, less};
  s.pdqsort(0, n, std::bit_width(static_cast<unsigned>(n)));
}

template <class T, class Less> void go_sort(std::vector<T>& data, Less less)
{
  go_sort(std::span<T>(data), less);
}

} // namespace pave::codec
