#include <pave/backup/compress.hpp>

#include <cstring>
#include <string>

#include <zstd.h>

namespace pave::backup {

namespace {

class CompressingSink : public Sink
{
public:
  CompressingSink(Sink& out, ZSTD_CCtx* ctx) : m_out(out), m_ctx(ctx), m_buf(ZSTD_CStreamOutSize(), '\0') {}
  ~CompressingSink() override { ZSTD_freeCCtx(m_ctx); }

  util::Result<void> write(std::string_view data) override { return run(data, ZSTD_e_continue); }
  util::Result<void> finish() override
  {
    PAVE_TRY(run({}, ZSTD_e_end));
    return m_out.finish();
  }

private:
  util::Result<void> run(std::string_view data, ZSTD_EndDirective mode)
  {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    for (;;) {
      ZSTD_outBuffer out{m_buf.data(), m_buf.size(), 0};
      const std::size_t left = ZSTD_compressStream2(m_ctx, &out, &in, mode);
      if (ZSTD_isError(left)) {
        return util::fail("zstd: {}", ZSTD_getErrorName(left));
      }
      if (out.pos > 0) {
        PAVE_TRY(m_out.write(std::string_view(m_buf.data(), out.pos)));
      }
      const bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (done) {
        return {};
      }
    }
  }

  Sink& m_out;
  ZSTD_CCtx* m_ctx;
  std::string m_buf;
};

class DecompressingSource : public Source
{
public:
  explicit DecompressingSource(Source& in)
      : m_in(in), m_ctx(ZSTD_createDCtx()), m_buf(ZSTD_DStreamInSize(), '\0')
  {
    // Bound the window (and so the memory) a hostile frame may ask for: 128 MiB.
    ZSTD_DCtx_setParameter(m_ctx, ZSTD_d_windowLogMax, 27);
  }
  ~DecompressingSource() override { ZSTD_freeDCtx(m_ctx); }

  util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    if (m_ctx == nullptr) {
      return util::fail("zstd: cannot allocate a decompression context");
    }
    ZSTD_outBuffer out{buf, size, 0};
    while (out.pos == 0 && size > 0) {
      if (m_in_pos == m_in_size && !m_eof) {
        PAVE_TRY_ASSIGN(m_in_size, m_in.read(m_buf.data(), m_buf.size()));
        m_in_pos = 0;
        m_eof = m_in_size == 0;
      }
      if (m_eof && m_in_pos == m_in_size) {
        if (!m_frame_done) {
          if (m_any) {
            return util::fail("archive truncated: the zstd frame is incomplete");
          }
          return util::fail("archive corrupted: empty archive");
        }
        return 0;
      }
      ZSTD_inBuffer in{m_buf.data(), m_in_size, m_in_pos};
      const std::size_t r = ZSTD_decompressStream(m_ctx, &out, &in);
      m_in_pos = in.pos;
      m_any = true;
      if (ZSTD_isError(r)) {
        return util::fail("archive corrupted: zstd: {}", ZSTD_getErrorName(r));
      }
      m_frame_done = r == 0;
    }
    return out.pos;
  }

private:
  Source& m_in;
  ZSTD_DCtx* m_ctx;
  std::string m_buf;
  std::size_t m_in_pos = 0;
  std::size_t m_in_size = 0;
  bool m_eof = false;
  bool m_any = false;
  bool m_frame_done = false;
};

} // namespace

util::Result<std::unique_ptr<Sink>> make_compressing_sink(Sink& out, const CompressOptions& options)
{
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  if (ctx == nullptr) {
    return util::fail("zstd: cannot allocate a compression context");
  }
  auto set = [&](ZSTD_cParameter p, int v) { return !ZSTD_isError(ZSTD_CCtx_setParameter(ctx, p, v)); };
  if (!set(ZSTD_c_compressionLevel, options.level) || !set(ZSTD_c_checksumFlag, 1)) {
    ZSTD_freeCCtx(ctx);
    return util::fail("zstd: invalid compression level {}", options.level);
  }
  return std::make_unique<CompressingSink>(out, ctx);
}

std::unique_ptr<Source> make_decompressing_source(Source& in) { return std::make_unique<DecompressingSource>(in); }

} // namespace pave::backup
