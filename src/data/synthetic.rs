//! Synthetic datasets for benchmarks and scale tests, in the real format.
//!
//! Every value is made up by a fixed pseudo-random sequence, and the file's
//! only source is of kind `Synthetic` and says so: these files are never
//! shipped as data and never the default. Regions form a country → provinces
//! → counties tree like China's ~2,850 county-level units; values are written
//! as compact `series`.

use std::fmt::Write as _;

use super::model::View;

/// The shape of a generated file.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// County-level regions (leaves).
    pub regions: usize,
    pub indicators: usize,
    pub years: usize,
}

/// Counties per province on average, as in China (~2,850 over 31 provinces).
const COUNTIES_PER_PROVINCE: usize = 92;
const FIRST_YEAR: usize = 2000;

/// A small, fast, deterministic generator (64-bit LCG); not for anything but test data.
struct Lcg(u64);

impl Lcg {
    fn next_unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        #[expect(clippy::cast_precision_loss, reason = "53 random bits are plenty")]
        let unit = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        unit
    }
}

/// The RON text of a synthetic dataset with `shape`.
pub fn synthetic_ron(shape: Shape) -> String {
    let mut out = String::with_capacity(shape.regions * shape.indicators * (shape.years * 17 + 90) + 4096);
    let provinces = (shape.regions / COUNTIES_PER_PROVINCE).max(1);
    out.push_str(
        "// SYNTHETIC test data made by `cargo run --example gen_dataset`: every value is invented.\n",
    );
    out.push_str("(\n    version: 1,\n");
    let _ = writeln!(
        out,
        "    title: (zh: \"合成测试数据（非真实数据）\", en: \"Synthetic test data (not real)\"),"
    );
    out.push_str("    focus_region: \"c00000\",\n    regions: [\n");
    out.push_str("        (id: \"country\", name: (zh: \"合成国家\", en: \"Synthetic country\")),\n");
    for province in 0..provinces {
        let _ = writeln!(
            out,
            "        (id: \"p{province:02}\", name: (zh: \"合成省{province}\", en: \"Synthetic province {province}\"), parent: \"country\"),"
        );
    }
    for county in 0..shape.regions {
        let _ = writeln!(
            out,
            "        (id: \"c{county:05}\", name: (zh: \"合成县{county}\", en: \"Synthetic county {county}\"), parent: \"p{:02}\"),",
            county % provinces
        );
    }
    out.push_str("    ],\n    sources: [\n");
    out.push_str(
        "        (id: \"synthetic\", title: \"EconLens synthetic benchmark data\", publisher: \"EconLens gen_dataset\", \
         kind: Synthetic, note: \"Invented by a pseudo-random generator for benchmarks. Not real data.\"),\n",
    );
    out.push_str("    ],\n    indicators: [\n");
    let views = [View::Output, View::Finance, View::Clusters, View::Enterprises, View::Commerce];
    let mut rng = Lcg(0x0000_EC0A_1E45);
    for indicator in 0..shape.indicators {
        let view = views[indicator % views.len()].id();
        let _ = writeln!(
            out,
            "        (id: \"i{indicator:03}\", name: (zh: \"合成指标{indicator}\", en: \"Synthetic indicator {indicator}\"), \
             unit: \"亿元\", view: \"{view}\", series: ["
        );
        for county in 0..shape.regions {
            let _ = write!(out, "            (region: \"c{county:05}\", source: \"synthetic\", values: {{");
            let mut level = 50.0 + 1000.0 * rng.next_unit();
            for year in 0..shape.years {
                level *= 0.97 + 0.1 * rng.next_unit();
                let rounded = (level * 100.0).round() / 100.0;
                let _ = write!(out, "\"{}\": {rounded}, ", FIRST_YEAR + year);
            }
            out.push_str("}),\n");
        }
        out.push_str("        ]),\n");
    }
    out.push_str("    ],\n)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_file_is_valid_and_says_it_is_synthetic() {
        let text = synthetic_ron(Shape { regions: 40, indicators: 6, years: 5 });
        let dataset = crate::data::load_text(std::path::Path::new("synthetic.ron"), &text).expect("valid");
        assert_eq!(dataset.observation_count(), 40 * 6 * 5);
        assert!(
            dataset.sources.iter().all(|source| source.kind == crate::data::model::SourceKind::Synthetic)
        );
        assert!(dataset.title.zh.contains("非真实数据"));
    }
}
