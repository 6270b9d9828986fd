//! Integration tests, in one binary so the app links once: the CLI as a
//! user runs it, the data layer on real files, and the GUI through egui_kittest.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::unwrap_used,
    reason = "a failed assumption in a test helper is a failed test"
)]

mod charts;
mod cli;
mod data;
mod export;
mod formats;
mod import;
mod publish;
mod quotes;
mod report;
mod snapshots;
mod ui;
mod vector;
mod window;

/// Counts of the default data file read as plain RON, not by the app's
/// loader: tests compare what the app prints with them.
pub struct DefaultDataCounts {
    pub regions: usize,
    /// Every value: each indicator's observations and each series' values.
    pub values: usize,
}

pub fn default_data_counts() -> DefaultDataCounts {
    use ron::Value;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/data/shizhong.ron");
    let text = std::fs::read_to_string(path).expect("the default data");
    let Value::Map(file) = ron::from_str::<Value>(&text).expect("plain RON") else { panic!("not a map") };
    let field = |map: &ron::Map, name: &str| map.get(&Value::String(name.to_owned())).cloned();
    let length = |value: Option<Value>| match value {
        Some(Value::Seq(items)) => items.len(),
        Some(Value::Map(items)) => items.len(),
        _ => 0,
    };
    let Some(Value::Seq(indicators)) = field(&file, "indicators") else { panic!("no indicators") };
    let mut values = 0;
    for indicator in indicators {
        let Value::Map(indicator) = indicator else { panic!("an indicator is a map") };
        values += length(field(&indicator, "observations"));
        if let Some(Value::Seq(series)) = field(&indicator, "series") {
            for one in series {
                let Value::Map(one) = one else { panic!("a series is a map") };
                values += length(field(&one, "values"));
            }
        }
    }
    DefaultDataCounts { regions: length(field(&file, "regions")), values }
}
