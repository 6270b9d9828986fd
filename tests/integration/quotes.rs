//! The default data's words are the sources' words: every quote (each piece
//! of a quote joined with ……) is found verbatim in the seed article or the
//! reference notes the data was read from (copies in `tests/fixtures/sources`),
//! every source title not in [brackets] is the source's own, and every seed
//! figure filed under a year the seed does not state says so in its note.
//! This is what keeps the default dataset from drifting from its sources.

use econlens::data::EMBEDDED_DATASET;
use econlens::data::parse::parse_raw;
use econlens::data::period_text::half_width;

const SEED: &str = include_str!("../fixtures/sources/seed-shizhong-district-2024.txt");
const REFERENCE: &str = include_str!("../fixtures/sources/reference-data-sources.md");

/// Text compared without layout: half-width punctuation, no white space
/// (the seed breaks lines inside words), no Markdown escapes, one kind of quote mark.
fn plain(text: &str) -> String {
    half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .map(|c| match c {
            '‘' | '’' | '“' | '”' | '"' => '\'',
            c => c,
        })
        .collect()
}

/// The pieces of a quote that must each be verbatim.
fn pieces(quote: &str) -> impl Iterator<Item = &str> {
    quote.split(['…']).map(str::trim).filter(|piece| !piece.is_empty())
}

#[test]
fn every_quote_of_the_default_data_is_in_its_sources_word_for_word() {
    let raw = parse_raw(EMBEDDED_DATASET).expect("the default data parses");
    let (seed, reference) = (plain(SEED), plain(REFERENCE));
    let mut quotes: Vec<(String, &str)> = Vec::new();
    for indicator in &raw.indicators {
        for obs in &indicator.observations {
            if let Some(quote) = &obs.quote {
                quotes.push((format!("{} {} {}", indicator.id, obs.region, obs.period), quote));
            }
        }
        for series in &indicator.series.series {
            if let Some(quote) = &series.quote {
                quotes.push((format!("{} {} (series)", indicator.id, series.region), quote));
            }
        }
    }
    for list in &raw.lists {
        if let Some(quote) = &list.quote {
            quotes.push((format!("list {}", list.id), quote));
        }
    }
    assert!(quotes.len() > 100, "the default data quotes its sources");
    assert!(!seed.contains(&plain("经济总量达到1350.5亿元")), "a changed digit is not found");
    assert!(seed.contains(&plain("经济总量达到1350.4亿元、增幅6.2%")));
    let missing: Vec<String> = quotes
        .iter()
        .flat_map(|(place, quote)| pieces(quote).map(move |piece| (place, piece)))
        .filter(|(_, piece)| {
            let piece = plain(piece);
            !seed.contains(&piece) && !reference.contains(&piece)
        })
        .map(|(place, piece)| format!("{place}: {piece}"))
        .collect();
    assert!(missing.is_empty(), "not verbatim in the seed or the reference notes:\n{}", missing.join("\n"));
}

#[test]
fn every_source_title_is_the_sources_own_or_marked_as_a_description() {
    let raw = parse_raw(EMBEDDED_DATASET).expect("the default data parses");
    let (seed, reference) = (plain(SEED), plain(REFERENCE));
    let unmarked: Vec<&str> = raw
        .sources
        .iter()
        .map(|source| source.title.as_str())
        .filter(|title| !(title.starts_with('[') && title.ends_with(']')))
        .filter(|title| !seed.contains(&plain(title)) && !reference.contains(&plain(title)))
        .collect();
    assert!(unmarked.is_empty(), "titles that are neither the source's words nor [bracketed]: {unmarked:?}");
}

#[test]
fn seed_figures_without_a_stated_year_say_where_their_year_comes_from() {
    let raw = parse_raw(EMBEDDED_DATASET).expect("the default data parses");
    let unexplained: Vec<String> = raw
        .indicators
        .iter()
        .flat_map(|indicator| indicator.observations.iter().map(move |obs| (indicator, obs)))
        .filter(|(_, obs)| obs.source == "seed")
        .filter(|(_, obs)| {
            obs.quote.as_deref().is_none_or(|quote| !quote.contains(&format!("{}年", &obs.period[..4])))
        })
        .filter(|(_, obs)| {
            let note = obs.note.as_deref().unwrap_or_default().to_lowercase();
            !["no year", "no reference date", "dated ", "a target"].iter().any(|says| note.contains(says))
        })
        .map(|(indicator, obs)| format!("{} {} {}", indicator.id, obs.region, obs.period))
        .collect();
    assert!(
        unexplained.is_empty(),
        "seed figures filed under a year without a note saying why: {unexplained:?}"
    );
}
