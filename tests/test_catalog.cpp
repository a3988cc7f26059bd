#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <edgecalc/domain/catalog.hpp>

using namespace edgecalc;

namespace {

std::string errors_of_catalog(const std::string& yaml) {
  Catalog c = builtin_catalog();
  Diagnostics d("team.yaml");
  merge_catalog_text(yaml, SourceFormat::yaml, c, d);
  return format_diagnostics(d);
}

}  // namespace

TEST_CASE("the built-in catalog is complete and sound", "[catalog]") {
  const Catalog& c = builtin_catalog();
  CHECK(catalog_problems(c).empty());
  for (const std::string& p : catalog_problems(c)) INFO(p);
  CHECK(c.hardware.size() >= 20);
  CHECK(c.llms.size() >= 8);
  CHECK(c.quantizations.size() >= 6);
  CHECK(c.tinyml.size() >= 3);
  CHECK(c.prices.size() >= 6);
  // the families the issue names are all there
  for (const char* id : {"stm32n6", "renesas-ra8d1", "alif-e3", "esp32-s3", "rpi4-4gb", "rpi5-8gb", "jetson-orin-nano",
                         "jetson-agx-orin", "rk3588-16gb", "laptop-x86-2019", "mac-mini-m4", "rtx4090-box",
                         "mac-studio-m2-ultra", "cloud-l4", "cloud-a10g", "cloud-a100", "cloud-h100"}) {
    INFO(id);
    CHECK(c.find_hardware(id));
  }
  for (const char* id : {"tinyllama-1.1b", "qwen2.5-1.5b", "llama-3.2-1b", "llama-3.2-3b", "llama-3.1-8b",
                         "mistral-7b", "llama-3.1-70b", "kws-dscnn", "vww-mobilenet", "ad-autoencoder"}) {
    INFO(id);
    CHECK((c.find_llm(id) || c.find_tinyml(id)));
  }
  for (const HardwareEntry& h : c.hardware) {
    INFO(h.id);
    CHECK((h.price.has_value() != h.hourly.has_value()));  // bought or rented, not both
    CHECK(h.usable_ram_bytes() > 0);
    if (h.kind == "mcu") CHECK(h.mac_rate);
  }
}

TEST_CASE("a catalog file adds and overrides entries by id", "[catalog]") {
  Catalog c = builtin_catalog();
  Diagnostics d("team.yaml");
  const std::string yaml = R"(hardware:
  - id: rpi5-8gb
    name: Raspberry Pi 5 at our negotiated price
    kind: sbc
    backend: cpu-arm
    price: $70
    power: {idle: 2.7W, active: 11W}
    ram: 8GB
    reserved: 0.6GB
    flash: 0
    memory_bandwidth: 17GB/s
    int8: 614GOPS
    fp16: 307GOPS
    source: "purchase order 2026-114"
    date: 2026-10
)";
  REQUIRE(merge_catalog_text(yaml, SourceFormat::yaml, c, d));
  CHECK(c.find_hardware("rpi5-8gb")->price == 70);
  CHECK(c.hardware.size() == builtin_catalog().hardware.size());  // replaced, not added
}

TEST_CASE("bad catalog files are reported with positions", "[catalog]") {
  CHECK(errors_of_catalog("hardware:\n  - id: x\n    kind: sbc\n") ==
        "team.yaml:2:5: error: missing required field hardware.x.source (e.g. source: \"vendor datasheet\")\n"
        "team.yaml:2:5: error: missing required field hardware.x.date (e.g. date: 2025-01)\n"
        "team.yaml:2:5: error: missing required field hardware.x.name (e.g. name: Raspberry Pi 5)\n"
        "team.yaml:2:5: error: missing required field hardware.x.backend (e.g. backend: cpu-arm)\n"
        "team.yaml:2:5: error: hardware.x needs a price (to buy) or an hourly price (to rent)\n"
        "team.yaml:2:5: error: missing required section `hardware.x.power`\n"
        "team.yaml:2:5: error: missing required field hardware.x.ram (e.g. ram: 8GB)\n"
        "team.yaml:2:5: error: missing required field hardware.x.reserved (e.g. reserved: 0.6GB)\n"
        "team.yaml:2:5: error: missing required field hardware.x.flash (e.g. flash: 2MB)\n"
        "team.yaml:2:5: error: missing required field hardware.x.memory_bandwidth (e.g. memory_bandwidth: 17GB/s)\n"
        "team.yaml:2:5: error: missing required field hardware.x.int8 (e.g. int8: 614GOPS)\n"
        "team.yaml:2:5: error: missing required field hardware.x.fp16 (e.g. fp16: 307GOPS)\n");
  CHECK(errors_of_catalog("prices:\n  - {id: m, provider: p, input: -1, output: 1, source: s, date: 2025-13}\n") ==
        "team.yaml:2:33: error: prices.m.input must not be negative; got \"-1\"\n"
        "team.yaml:2:65: error: prices.m.date must be a date, YYYY-MM or YYYY-MM-DD; got \"2025-13\"\n");
  CHECK(errors_of_catalog("prices:\n  - {id: m, provider: p, input: 1, output: 1, source: s, date: yesterday}\n") ==
        "team.yaml:2:64: error: prices.m.date must be a date, YYYY-MM or YYYY-MM-DD; got \"yesterday\"\n");
  CHECK(errors_of_catalog("gpus: []\n") ==
        "team.yaml:1:1: error: unknown key `gpus` at the top level; expected one of backends, hardware, llms, "
        "prices, quantizations, tinyml\n");
  CHECK(errors_of_catalog("prices:\n  - {id: m, provider: p, input: 1, output: 1, source: s, date: 2025-01}\n"
                          "  - {id: m, provider: p, input: 1, output: 1, source: s, date: 2025-01}\n") ==
        "team.yaml:3:5: error: duplicate prices id `m`\n");
  // A part's clock is a frequency.
  CHECK_THAT(errors_of_catalog("hardware:\n  - {id: x, clock: 120MB}\n"),
             Catch::Contains("team.yaml:2:20: error: hardware.x.clock has unknown frequency unit `MB`"));
  // A part's TinyML runtimes: words its backend calibrates; `runtime` (what mac_rate was measured
  // with) is one of them and needs a mac_rate.
  const std::string mcu = "hardware:\n  - {id: m, name: M, kind: mcu, backend: mcu, price: $3, power: {idle: 1mW, active: "
                          "30mW}, ram: 256KB, reserved: 0, flash: 1MB, memory_bandwidth: 1GB/s, int8: 1GOPS, fp16: 0, "
                          "source: s, date: 2026-12, ";
  CHECK(errors_of_catalog(mcu + "runtimes: [x-cube-ai, tflm]}\n") ==
        "team.yaml:2:212: error: hardware.m.runtimes names tflm, which backend mcu does not calibrate (its runtimes: "
        "x-cube-ai, microtvm-cmsis-nn); add it to the backend's runtimes with its macs_per_cycle\n");
  CHECK(errors_of_catalog(mcu + "runtimes: x-cube-ai}\n") ==
        "team.yaml:2:212: error: hardware.m.runtimes must be a list, e.g. [x-cube-ai, microtvm-cmsis-nn]\n");
  CHECK(errors_of_catalog(mcu + "runtimes: [x-cube-ai], runtime: x-cube-ai}\n") ==
        "team.yaml:2:234: error: hardware.m.runtime names the runtime its mac_rate was measured with; write mac_rate\n");
  CHECK(errors_of_catalog(mcu + "mac_rate: 50M, runtimes: [x-cube-ai], runtime: microtvm-cmsis-nn}\n") ==
        "team.yaml:2:249: error: hardware.m.runtime must be one of hardware.m.runtimes; got microtvm-cmsis-nn\n");
  CHECK(errors_of_catalog(mcu + "mac_rate: 50M, clock: 80MHz, runtimes: [x-cube-ai]}\n").empty());
  // A backend's TinyML runtimes: a list of maps, each with positive MACs per cycle.
  const std::string backend = "backends:\n  - {id: b, bandwidth_efficiency: 50%, token_overhead: 0, prefill_efficiency: 10%, "
                              "runtime_memory: 1MB, max_concurrency: 1, max_concurrency_source: m, source: s, date: 2026-12, runtimes: ";
  CHECK(errors_of_catalog(backend + "3}\n") ==
        "team.yaml:2:188: error: backends.b.runtimes must be a list, e.g. [{id: x-cube-ai, macs_per_cycle: 0.59, "
        "source: ...}]\n");
  CHECK(errors_of_catalog(backend + "[{id: r, macs_per_cycle: 0, source: s}, 2]}\n") ==
        "team.yaml:2:213: error: backends.b.runtimes[0].macs_per_cycle must be greater than zero; got \"0\"\n"
        "team.yaml:2:228: error: backends.b.runtimes[1] must be a map, e.g. {id: x-cube-ai, macs_per_cycle: 0.59, "
        "source: ...}\n");
  CHECK(errors_of_catalog("prices:\n  - {id: m, provider: p, input: 1, output: 1, source: s, date: 2025-01, schedule: 1}\n") ==
        "team.yaml:2:83: error: prices.m.schedule must be a list, e.g. [{at: 2027-01-01, change: -20%, source: ...}]\n");
}

TEST_CASE("LiteLLM's price file: per-token prices become per-1M prices", "[catalog]") {
  const auto path = std::filesystem::temp_directory_path() / "edgecalc-litellm.json";
  std::ofstream(path) << R"({
    "sample_spec": {"input_cost_per_token": 0, "output_cost_per_token": 0},
    "gpt-4o-mini": {"input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07,
                    "cache_read_input_token_cost": 7.5e-08, "litellm_provider": "openai", "max_tokens": 16384},
    "dall-e-3": {"output_cost_per_image": 0.04},
    "team-model": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "litellm_provider": "vllm"}
  })";
  Catalog c = builtin_catalog();
  Diagnostics d(path.string());
  REQUIRE(merge_litellm_prices(path.string(), c, d));
  const PriceEntry* p = c.find_price("gpt-4o-mini");
  REQUIRE(p);
  CHECK(p->input == Approx(0.15));  // 1.5e-7 x 1e6
  CHECK(p->output == Approx(0.60));
  CHECK(p->cached_input == Approx(0.075));
  CHECK(p->provider == "openai");
  CHECK(c.find_price("team-model")->output == Approx(2.0));
  CHECK_FALSE(c.find_price("dall-e-3"));  // not priced per token: ignored
  std::ofstream(path) << "{\"x\": {\"max_tokens\": 1}}";
  Catalog empty = builtin_catalog();
  Diagnostics none(path.string());
  CHECK_FALSE(merge_litellm_prices(path.string(), empty, none));
  std::filesystem::remove(path);
}
