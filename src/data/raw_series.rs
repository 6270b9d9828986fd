//! The compact `series` of an indicator, as read from the file.
//!
//! A national file has about a hundred thousand series of a few dozen values
//! each. Their values go into one buffer per indicator (16 bytes a value,
//! periods parsed as they are read, no string per key), so that parsing makes
//! a few large allocations instead of one per series, and validation hands
//! each buffer back to the system in one piece when it is done with it. A key
//! that is not a period is kept as written for validation to report, and a
//! period written twice is kept twice, so that validation reports it instead
//! of one value silently winning.

use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap as _, SerializeSeq as _, SerializeStruct as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::period::Period;
use super::raw::{Status, is_reported};

/// Many values of one region from one source, written compactly.
#[derive(Clone, Debug, PartialEq)]
pub struct RawSeries {
    pub region: String,
    pub source: String,
    pub quote: Option<String>,
    pub status: Status,
    /// This series' period → value pairs in [`RawSeriesList::values`], in file order.
    pub values: Range<usize>,
    /// Keys that are not periods, as written, with their values.
    pub invalid: Vec<(String, f64)>,
}

impl RawSeries {
    /// How many values the file gives, periods or not.
    pub fn len(&self) -> usize {
        self.values.len() + self.invalid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every series of one indicator, their values in one buffer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawSeriesList {
    pub series: Vec<RawSeries>,
    pub values: Vec<(Period, f64)>,
}

impl RawSeriesList {
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// How many values all series give.
    pub fn value_count(&self) -> usize {
        self.series.iter().map(RawSeries::len).sum()
    }
}

const FIELDS: &[&str] = &["region", "source", "quote", "status", "values"];

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Field {
    Region,
    Source,
    Quote,
    Status,
    Values,
}

impl<'de> Deserialize<'de> for RawSeriesList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = RawSeriesList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of series")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut list = RawSeriesList::default();
                while let Some(series) = seq.next_element_seed(SeriesSeed { values: &mut list.values })? {
                    list.series.push(series);
                }
                list.series.shrink_to_fit();
                list.values.shrink_to_fit();
                Ok(list)
            }
        }
        deserializer.deserialize_seq(ListVisitor)
    }
}

/// Reads one series, appending its values to the indicator's buffer.
struct SeriesSeed<'a> {
    values: &'a mut Vec<(Period, f64)>,
}

impl<'de> DeserializeSeed<'de> for SeriesSeed<'_> {
    type Value = RawSeries;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawSeries, D::Error> {
        deserializer.deserialize_struct("RawSeries", FIELDS, self)
    }
}

impl<'de> Visitor<'de> for SeriesSeed<'_> {
    type Value = RawSeries;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a series `(region: …, source: …, values: {…})`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawSeries, A::Error> {
        fn once<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
            if slot.replace(value).is_some() {
                return Err(E::duplicate_field(name));
            }
            Ok(())
        }
        let (mut region, mut source, mut quote, mut status, mut values) = (None, None, None, None, None);
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Region => once(&mut region, "region", map.next_value::<String>()?)?,
                Field::Source => once(&mut source, "source", map.next_value::<String>()?)?,
                Field::Quote => once(&mut quote, "quote", map.next_value::<Option<String>>()?)?,
                Field::Status => once(&mut status, "status", map.next_value::<Status>()?)?,
                Field::Values => {
                    if values.is_some() {
                        return Err(de::Error::duplicate_field("values"));
                    }
                    let start = self.values.len();
                    let invalid = map.next_value_seed(ValuesSeed { values: self.values })?;
                    values = Some((start..self.values.len(), invalid));
                }
            }
        }
        let (values, invalid) = values.ok_or_else(|| de::Error::missing_field("values"))?;
        Ok(RawSeries {
            region: region.ok_or_else(|| de::Error::missing_field("region"))?,
            source: source.ok_or_else(|| de::Error::missing_field("source"))?,
            quote: quote.flatten(),
            status: status.unwrap_or_default(),
            values,
            invalid,
        })
    }
}

/// Reads a `values` map into the buffer; returns the keys that are not periods.
struct ValuesSeed<'a> {
    values: &'a mut Vec<(Period, f64)>,
}

impl<'de> DeserializeSeed<'de> for ValuesSeed<'_> {
    type Value = Vec<(String, f64)>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ValuesSeed<'_> {
    type Value = Vec<(String, f64)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of period to value, such as `{\"2023\": 1350.4}`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut invalid = Vec::new();
        while let Some((key, value)) = map.next_entry::<SeriesKey, f64>()? {
            match key {
                SeriesKey::Period(period) => self.values.push((period, value)),
                SeriesKey::Invalid(text) => invalid.push((text, value)),
            }
        }
        Ok(invalid)
    }
}

/// A series key: a period, or the text as written when it is not one.
enum SeriesKey {
    Period(Period),
    Invalid(String),
}

impl<'de> Deserialize<'de> for SeriesKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = SeriesKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a period such as \"2023\", \"2024H1\" or \"2024Q3\"")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Period::parse(text).map_or_else(|| SeriesKey::Invalid(text.to_owned()), SeriesKey::Period))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl Serialize for RawSeriesList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.series.len()))?;
        for series in &self.series {
            let pairs = self.values.get(series.values.clone()).unwrap_or_default();
            seq.serialize_element(&SeriesOut { series, pairs })?;
        }
        seq.end()
    }
}

/// One series with its values, for writing.
struct SeriesOut<'a> {
    series: &'a RawSeries,
    pairs: &'a [(Period, f64)],
}

impl Serialize for SeriesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let series = self.series;
        let mut out = serializer.serialize_struct("RawSeries", FIELDS.len())?;
        out.serialize_field("region", &series.region)?;
        out.serialize_field("source", &series.source)?;
        match &series.quote {
            Some(quote) => out.serialize_field("quote", quote)?,
            None => out.skip_field("quote")?,
        }
        if is_reported(&series.status) {
            out.skip_field("status")?;
        } else {
            out.serialize_field("status", &series.status)?;
        }
        out.serialize_field("values", &ValuesOut { pairs: self.pairs, invalid: &series.invalid })?;
        out.end()
    }
}

struct ValuesOut<'a> {
    pairs: &'a [(Period, f64)],
    invalid: &'a [(String, f64)],
}

impl Serialize for ValuesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.pairs.len() + self.invalid.len()))?;
        for (period, value) in self.pairs {
            map.serialize_entry(&period.to_string(), value)?;
        }
        for (key, value) in self.invalid {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<RawSeriesList, ron::error::SpannedError> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
    }

    #[test]
    fn series_share_one_buffer_and_write_back_the_same() {
        let text = r#"[(region: "a", source: "s", quote: "q", values: {"2022": 1, "2023": 2}), (region: "b", source: "s", status: Estimate, values: {"2023年": 3, "2024H1": 4})]"#;
        let list = read(text).expect("valid");
        assert_eq!(list.values.len(), 3, "both series' periods in one buffer");
        assert_eq!((list.series[0].values.clone(), list.series[1].values.clone()), (0..2, 2..3));
        assert_eq!(list.series[0].quote.as_deref(), Some("q"));
        assert_eq!(list.series[1].status, Status::Estimate);
        assert_eq!(list.series[1].invalid, vec![("2023年".to_owned(), 3.0)], "a bad key is kept as written");
        let written = ron::to_string(&list).expect("serialises");
        assert_eq!(read(&written).expect("reads back"), list);
    }

    #[test]
    fn missing_duplicate_and_unknown_fields_are_errors() {
        let missing = read(r#"[(region: "a", values: {"2023": 1})]"#).expect_err("no source");
        assert!(missing.to_string().contains("source"), "{missing}");
        let twice = read(r#"[(region: "a", region: "b", source: "s", values: {})]"#).expect_err("twice");
        assert!(twice.to_string().contains("region"), "{twice}");
        let unknown = read(r#"[(region: "a", source: "s", colour: 1, values: {})]"#).expect_err("unknown");
        assert!(unknown.to_string().contains("colour"), "{unknown}");
    }
}
