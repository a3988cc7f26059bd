// png_stats FILE.png: what a screenshot shows, for the browser test (tests/cmake/screenshot.cmake).
// Prints "width height ink option_pixels": ink is the share of pixels that are not near-white,
// option_pixels the count near one of the options' colours (render/svg.cpp: cloud #2f6fdf, edge
// #1a9850, hybrid #c98a00), i.e. drawn chart lines and bars. Reads 8-bit RGB or RGBA PNGs without
// interlacing (what Chromium writes); exits 1 on anything else.

#include <zlib.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

int fail(const char* why) {
  std::fprintf(stderr, "png_stats: %s\n", why);
  return 1;
}

int paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: png_stats FILE.png");
  std::ifstream in(argv[1], std::ios::binary);
  const std::vector<unsigned char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (file.size() < 8 || file[1] != 'P' || file[2] != 'N' || file[3] != 'G') return fail("not a PNG");
  std::uint32_t width = 0, height = 0;
  int channels = 0;
  std::vector<unsigned char> idat;
  for (std::size_t at = 8; at + 8 <= file.size();) {
    const std::uint32_t length = be32(&file[at]);
    const std::string type(file.begin() + static_cast<long>(at) + 4, file.begin() + static_cast<long>(at) + 8);
    const unsigned char* data = &file[at + 8];
    if (at + 12 + length > file.size()) return fail("truncated");
    if (type == "IHDR") {
      width = be32(data), height = be32(data + 4);
      const int depth = data[8], color = data[9], interlace = data[12];
      if (depth != 8 || interlace != 0 || (color != 2 && color != 6)) return fail("not 8-bit RGB(A), non-interlaced");
      channels = color == 6 ? 4 : 3;
    } else if (type == "IDAT") {
      idat.insert(idat.end(), data, data + length);
    }
    at += 12 + length;
  }
  if (!channels || !width || !height) return fail("no header");
  const std::size_t stride = std::size_t{width} * static_cast<std::size_t>(channels);
  std::vector<unsigned char> raw((stride + 1) * height);
  uLongf size = raw.size();
  if (uncompress(raw.data(), &size, idat.data(), idat.size()) != Z_OK || size != raw.size()) return fail("bad image data");
  std::vector<unsigned char> pixels(stride * height), previous(stride, 0);
  for (std::uint32_t y = 0; y < height; ++y) {
    const unsigned char filter = raw[y * (stride + 1)];
    const unsigned char* line = &raw[y * (stride + 1) + 1];
    unsigned char* out = &pixels[y * stride];
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= static_cast<std::size_t>(channels) ? out[i - static_cast<std::size_t>(channels)] : 0;
      const int b = previous[i];
      const int c = i >= static_cast<std::size_t>(channels) ? previous[i - static_cast<std::size_t>(channels)] : 0;
      const int predictor = filter == 0 ? 0 : filter == 1 ? a : filter == 2 ? b : filter == 3 ? (a + b) / 2 : paeth(a, b, c);
      out[i] = static_cast<unsigned char>(line[i] + predictor);
    }
    std::copy(out, out + stride, previous.begin());
  }
  constexpr std::array<std::array<int, 3>, 3> k_options{{{0x2f, 0x6f, 0xdf}, {0x1a, 0x98, 0x50}, {0xc9, 0x8a, 0x00}}};
  std::size_t ink = 0, option_pixels = 0;
  for (std::size_t p = 0; p < std::size_t{width} * height; ++p) {
    const unsigned char* px = &pixels[p * static_cast<std::size_t>(channels)];
    if (px[0] < 235 || px[1] < 235 || px[2] < 235) ++ink;
    for (const auto& c : k_options)
      if (std::abs(px[0] - c[0]) < 24 && std::abs(px[1] - c[1]) < 24 && std::abs(px[2] - c[2]) < 24) ++option_pixels;
  }
  std::printf("%u %u %.4f %zu\n", width, height, static_cast<double>(ink) / (double{1} * width * height), option_pixels);
  return 0;
}
