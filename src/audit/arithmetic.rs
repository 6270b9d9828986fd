//! The checks that redo arithmetic: a stated share against its part and
//! whole, a stated growth rate against the two levels, the three sectors
//! against GDP, GDP per capita against GDP and population, a stated rank
//! against the levels of every sibling. Each tolerance is the rounding of
//! the figures as written (half a unit of their last decimal), carried
//! through the arithmetic.

use crate::audit::{Check, Finding, ValueRef, Verdict, number, rounding};
use crate::data::derive::{Formula, recomputed_share, single};
use crate::data::model::{Dataset, GrowthBasis, IndicatorIx, Observation, Qualifier, Relation};
use crate::i18n::{Lang, Message};
use crate::msg;

fn verdict(difference: f64, tolerance: f64) -> Verdict {
    if difference.abs() <= tolerance { Verdict::Consistent } else { Verdict::Inconsistent }
}

/// True when every number of a check's arithmetic is finite: values near
/// the ends of what a computer's numbers hold (1e-300, 1e300) can overflow
/// a quotient or a product, and such a check is "cannot check", never a
/// verdict printed with `NaN` or `inf`.
fn all_finite(numbers: &[f64]) -> bool {
    numbers.iter().all(|number| number.is_finite())
}

/// A check whose arithmetic cannot be carried out with these values.
fn out_of_range(check: Check, values: Vec<ValueRef>) -> Finding {
    Finding {
        check,
        verdict: Verdict::CannotCheck,
        values,
        detail: msg!(
            "数值过大或过小，无法计算（结果超出可表示的范围）",
            "the values are too large or too small to compute with (the result is out of range)"
        ),
    }
}

/// Stated shares against part ÷ whole, where both are in the file.
pub fn shares(dataset: &Dataset, findings: &mut Vec<Finding>) {
    for (ix, indicator) in dataset.indicators().iter().enumerate() {
        let Relation::Share { part, whole, whole_region } = indicator.relation else { continue };
        let ix = IndicatorIx(ix as u32);
        for obs in indicator.observations() {
            let stated = ValueRef::of(ix, obs);
            let (part_name, whole_name) = (&dataset.indicator(part).name, &dataset.indicator(whole).name);
            let Some(derived) = recomputed_share(dataset, ix, obs.region, obs.period) else {
                let whole_at = &dataset.region(whole_region.unwrap_or(obs.region)).name;
                let (part_zh, part_en) = (&part_name.zh, part_name.get(Lang::En));
                let (whole_zh, whole_en) = (&whole_name.zh, whole_name.get(Lang::En));
                let (at_zh, at_en) = (&whole_at.zh, whole_at.get(Lang::En));
                findings.push(Finding {
                    check: Check::Share,
                    verdict: Verdict::CannotCheck,
                    values: vec![stated],
                    detail: msg!(
                        "缺少同期的{part_zh}或{at_zh}的{whole_zh}（或其中之一来源不一致、为约数）",
                        "no undisputed exact {part_en} of this region or {whole_en} of {at_en} for the same period"
                    ),
                });
                continue;
            };
            let [part_obs, whole_obs] = derived.inputs.as_slice() else { continue };
            // 100·p/w moves by 100·δp/|w| + 100·|p|·δw/w² when p and w move by
            // their rounding: finite for a part of 0 (the whole is never 0 here).
            let (p_value, w_value) = (part_obs.value, whole_obs.value);
            let tolerance = rounding(obs.value)
                + 100.0 * rounding(p_value) / w_value.abs()
                + 100.0 * p_value.abs() * rounding(w_value) / (w_value * w_value);
            let difference = obs.value - derived.value;
            let values = vec![stated, ValueRef::of(part, part_obs), ValueRef::of(whole, whole_obs)];
            if !all_finite(&[derived.value, tolerance, difference]) {
                findings.push(out_of_range(Check::Share, values));
                continue;
            }
            let (computed, stated_text, tol) = (number(derived.value), number(obs.value), number(tolerance));
            let (p, w, d) = (number(part_obs.value), number(whole_obs.value), number(difference));
            findings.push(Finding {
                check: Check::Share,
                verdict: verdict(difference, tolerance),
                values,
                detail: msg!(
                    "{p} ÷ {w} × 100 = {computed}%，所述 {stated_text}%，差 {d}（容差 ±{tol}）",
                    "{p} ÷ {w} × 100 = {computed}%, stated {stated_text}%, difference {d} (tolerance ±{tol})"
                ),
            });
        }
    }
}

/// Stated growth against the change from the level a year earlier.
pub fn growth(dataset: &Dataset, findings: &mut Vec<Finding>) {
    for (ix, indicator) in dataset.indicators().iter().enumerate() {
        let Relation::Growth { of, basis } = indicator.relation else { continue };
        let ix = IndicatorIx(ix as u32);
        for obs in indicator.observations() {
            findings.push(growth_finding(dataset, (ix, obs), of, basis));
        }
    }
}

/// One stated growth rate checked against the levels it speaks of.
fn growth_finding(
    dataset: &Dataset,
    (ix, obs): (IndicatorIx, &Observation),
    of: IndicatorIx,
    basis: GrowthBasis,
) -> Finding {
    let (level_zh, level_en) = (&dataset.indicator(of).name.zh, dataset.indicator(of).name.get(Lang::En));
    let stated = ValueRef::of(ix, obs);
    // Growth rates are year on year (同比): a quarter against the same quarter.
    let previous = obs.period.a_year_earlier();
    let now = single(dataset, of, obs.region, obs.period);
    let before = previous.and_then(|period| single(dataset, of, obs.region, period));
    let (Some(now), Some(before)) = (now, before) else {
        let label = |period: Option<crate::data::model::Period>, lang| {
            period.map_or_else(String::new, |period| period.label(lang))
        };
        let (missing_zh, missing_en) = (label(previous, Lang::Zh), label(previous, Lang::En));
        let (period_zh, period_en) = (obs.period.label(Lang::Zh), obs.period.label(Lang::En));
        return Finding {
            check: Check::Growth,
            verdict: Verdict::CannotCheck,
            values: vec![stated],
            detail: msg!(
                "缺少{missing_zh}或{period_zh}的{level_zh}（或来源不一致）",
                "no undisputed {level_en} for {missing_en} or {period_en}"
            ),
        };
    };
    let values = vec![stated, ValueRef::of(of, now), ValueRef::of(of, before)];
    if before.value == 0.0 {
        let (period_zh, period_en) = (before.period.label(Lang::Zh), before.period.label(Lang::En));
        return Finding {
            check: Check::Growth,
            verdict: Verdict::CannotCheck,
            values,
            detail: msg!(
                "{period_zh}的{level_zh}为 0，增速无从计算",
                "the {level_en} of {period_en} is 0, so no growth can be computed from it"
            ),
        };
    }
    // Beyond a zero level, undefined only where the result is not finite (checked below).
    let change = Formula::Change { value: now.value, previous: before.value }.value().unwrap_or(f64::NAN);
    // (n/b − 1)·100 moves by 100·δn/|b| + 100·|n|·δb/b²: finite for a level of 0 now.
    let tolerance = rounding(obs.value)
        + 100.0 * rounding(now.value) / before.value.abs()
        + 100.0 * now.value.abs() * rounding(before.value) / (before.value * before.value);
    let difference = obs.value - change;
    if !all_finite(&[change, tolerance, difference]) {
        return out_of_range(Check::Growth, values);
    }
    let exact = obs.qualifier == Qualifier::Exact
        && now.qualifier == Qualifier::Exact
        && before.qualifier == Qualifier::Exact;
    let verdict = match (difference.abs() <= tolerance, basis, exact) {
        (true, _, _) => Verdict::Consistent,
        (false, GrowthBasis::Nominal, true) => Verdict::Inconsistent,
        _ => Verdict::Noted,
    };
    let detail =
        growth_detail(verdict, basis, [now.value, before.value, change, obs.value, tolerance, difference]);
    Finding { check: Check::Growth, verdict, values, detail }
}

/// The arithmetic of a growth check, and for a different basis why it is no contradiction.
fn growth_detail(verdict: Verdict, basis: GrowthBasis, figures: [f64; 6]) -> Message {
    let (basis_zh, basis_en) = match basis {
        GrowthBasis::Nominal => ("名义", "nominal"),
        GrowthBasis::Real => ("实际（不变价格）", "real (constant prices)"),
        GrowthBasis::Unstated => ("未注明口径", "basis not stated"),
    };
    let [n, b, c, s, t, d] = figures.map(number);
    if verdict == Verdict::Noted {
        msg!(
            "名义变化 ({n} ÷ {b} − 1) × 100 = {c}%，所述 {s}%（{basis_zh}），差 {d} 个百分点（容差 ±{t}）：口径不同，价格变化可以解释差距，不算矛盾",
            "nominal change ({n} ÷ {b} − 1) × 100 = {c}%, stated {s}% ({basis_en}), {d} points apart (tolerance ±{t}): a different basis, which price change can explain"
        )
    } else {
        msg!(
            "名义变化 ({n} ÷ {b} − 1) × 100 = {c}%，所述 {s}%（{basis_zh}），差 {d} 个百分点（容差 ±{t}）",
            "nominal change ({n} ÷ {b} − 1) × 100 = {c}%, stated {s}% ({basis_en}), {d} points apart (tolerance ±{t})"
        )
    }
}

/// The indicators the sector and per-capita checks read, by id (FORMAT.md
/// names them): GDP, the three sectors' value added, GDP per capita, population.
const GDP: &str = "gdp";
const SECTORS: [&str; 3] = ["va_primary", "va_secondary", "va_tertiary"];
const PER_CAPITA: &str = "gdp_per_capita";
const POPULATION: &str = "resident_population";

/// How many yuan or people one unit is.
fn multiplier(unit: &str) -> Option<f64> {
    match unit {
        "元" | "人" => Some(1.0),
        "万元" | "万人" => Some(1e4),
        "亿元" => Some(1e8),
        "万亿元" => Some(1e12),
        _ => None,
    }
}

/// Primary + secondary + tertiary against GDP, where GDP and a sector are given.
pub fn parts(dataset: &Dataset, findings: &mut Vec<Finding>) {
    let Some((gdp_ix, gdp)) = dataset.indicator_by_id(GDP) else { return };
    let sectors: Vec<(IndicatorIx, &crate::data::model::Indicator)> =
        SECTORS.iter().filter_map(|id| dataset.indicator_by_id(id)).collect();
    if sectors.is_empty() {
        return;
    }
    let mut keys: Vec<_> = sectors
        .iter()
        .flat_map(|(_, sector)| sector.observations().iter().map(|obs| (obs.region, obs.period)))
        .collect();
    keys.sort_by_key(|(region, period)| (*region, period.sort_key()));
    keys.dedup();
    for (region, period) in keys {
        let Some(total) = single(dataset, gdp_ix, region, period) else { continue };
        let found: Vec<(IndicatorIx, &Observation)> = sectors
            .iter()
            .filter_map(|(ix, _)| single(dataset, *ix, region, period).map(|obs| (*ix, obs)))
            .collect();
        let mut values = vec![ValueRef::of(gdp_ix, total)];
        values.extend(found.iter().map(|(ix, obs)| ValueRef::of(*ix, obs)));
        if found.len() < SECTORS.len() || sectors.iter().any(|(_, sector)| sector.unit != gdp.unit) {
            let count = found.len();
            findings.push(Finding {
                check: Check::Parts,
                verdict: Verdict::CannotCheck,
                values,
                detail: msg!(
                    "三次产业增加值只有 {count} 项在文件中（或单位与地区生产总值不同）",
                    "only {count} of the three sectors' value added are in the file (or their unit differs from GDP's)"
                ),
            });
            continue;
        }
        let sum: f64 = found.iter().map(|(_, obs)| obs.value).sum();
        let tolerance = rounding(total.value) + found.iter().map(|(_, obs)| rounding(obs.value)).sum::<f64>();
        let difference = sum - total.value;
        if !all_finite(&[sum, difference]) {
            findings.push(out_of_range(Check::Parts, values));
            continue;
        }
        let parts_text: Vec<String> = found.iter().map(|(_, obs)| number(obs.value)).collect();
        let (parts_text, s, g, d, t) =
            (parts_text.join(" + "), number(sum), number(total.value), number(difference), number(tolerance));
        findings.push(Finding {
            check: Check::Parts,
            verdict: verdict(difference, tolerance),
            values,
            detail: msg!(
                "{parts_text} = {s}，地区生产总值 {g}，差 {d}（容差 ±{t}）",
                "{parts_text} = {s}, GDP {g}, difference {d} (tolerance ±{t})"
            ),
        });
    }
}

/// The regions under a region the file marks `partitioned` against its
/// value, for every level indicator whose unit adds up (money, counts,
/// people), when the region and all its regions have a value for the period.
pub fn children(dataset: &Dataset, findings: &mut Vec<Finding>) {
    use crate::data::model::UnitKind;
    for (parent_at, parent) in dataset.regions().iter().enumerate() {
        if !parent.partitioned {
            continue;
        }
        let parent_ix = crate::data::model::RegionIx(parent_at as u32);
        let children: Vec<_> = dataset.children(parent_ix).collect();
        if children.is_empty() {
            continue;
        }
        let (parent_zh, parent_en) = (&parent.name.zh, parent.name.get(Lang::En));
        for (ix, indicator) in dataset.indicators().iter().enumerate() {
            let additive =
                matches!(indicator.unit.kind(), UnitKind::Money | UnitKind::Count | UnitKind::People);
            if !additive || indicator.relation != Relation::Level {
                continue;
            }
            let ix = IndicatorIx(ix as u32);
            for total in indicator.series(parent_ix).iter().filter(|obs| !obs.conflict) {
                let parts: Vec<Option<&Observation>> =
                    children.iter().map(|&child| single(dataset, ix, child, total.period)).collect();
                let found: Vec<&Observation> = parts.iter().flatten().copied().collect();
                if found.is_empty() {
                    continue;
                }
                let mut values = vec![ValueRef::of(ix, total)];
                values.extend(found.iter().map(|obs| ValueRef::of(ix, obs)));
                let (have, all) = (found.len(), children.len());
                if have < all {
                    findings.push(Finding {
                        check: Check::Children,
                        verdict: Verdict::CannotCheck,
                        values,
                        detail: msg!(
                            "{parent_zh}的 {all} 个下级地区只有 {have} 个有本期无争议数值",
                            "{have} of the {all} regions of {parent_en} have an undisputed value for this period"
                        ),
                    });
                    continue;
                }
                let sum: f64 = found.iter().map(|obs| obs.value).sum();
                let tolerance =
                    rounding(total.value) + found.iter().map(|obs| rounding(obs.value)).sum::<f64>();
                let difference = sum - total.value;
                if !all_finite(&[sum, difference]) {
                    findings.push(out_of_range(Check::Children, values));
                    continue;
                }
                let (s, t, d, tol) =
                    (number(sum), number(total.value), number(difference), number(tolerance));
                findings.push(Finding {
                    check: Check::Children,
                    verdict: verdict(difference, tolerance),
                    values,
                    detail: msg!(
                        "{all} 个下级地区合计 {s}，{parent_zh} {t}，差 {d}（容差 ±{tol}）",
                        "the {all} regions of {parent_en} add up to {s}, the total is {t}, difference {d} (tolerance ±{tol})"
                    ),
                });
            }
        }
    }
}

/// GDP per capita against GDP ÷ population. Per-capita figures use the
/// year's average population and the population figure is usually the
/// year-end one, so 2% apart is still consistent.
pub fn per_capita(dataset: &Dataset, findings: &mut Vec<Finding>) {
    const DEFINITIONS: f64 = 0.02;
    let (Some((per_ix, per)), Some((gdp_ix, gdp)), Some((pop_ix, pop))) = (
        dataset.indicator_by_id(PER_CAPITA),
        dataset.indicator_by_id(GDP),
        dataset.indicator_by_id(POPULATION),
    ) else {
        return;
    };
    let (Some(per_unit), Some(gdp_unit), Some(pop_unit)) =
        (multiplier(&per.unit.zh), multiplier(&gdp.unit.zh), multiplier(&pop.unit.zh))
    else {
        return;
    };
    for obs in per.observations() {
        let stated = ValueRef::of(per_ix, obs);
        let level = single(dataset, gdp_ix, obs.region, obs.period);
        let people = single(dataset, pop_ix, obs.region, obs.period);
        let (Some(level), Some(people)) = (level, people) else {
            findings.push(Finding {
                check: Check::PerCapita,
                verdict: Verdict::CannotCheck,
                values: vec![stated],
                detail: msg!(
                    "缺少同期无争议的地区生产总值或常住人口",
                    "no undisputed GDP or resident population for the same period"
                ),
            });
            continue;
        };
        let values = vec![stated, ValueRef::of(gdp_ix, level), ValueRef::of(pop_ix, people)];
        let computed = level.value * gdp_unit / (people.value * pop_unit) / per_unit;
        let relative = obs.value / computed - 1.0;
        if people.value == 0.0 || computed == 0.0 || !all_finite(&[computed, relative]) {
            let (people_text, level_text) = (number(people.value), number(level.value));
            findings.push(Finding {
                check: Check::PerCapita,
                verdict: Verdict::CannotCheck,
                values,
                detail: msg!(
                    "常住人口 {people_text}、地区生产总值 {level_text}：无法得出有意义的人均值",
                    "population {people_text} and GDP {level_text} give no meaningful per-capita figure"
                ),
            });
            continue;
        }
        let (gu, pu, cu) = (&gdp.unit.zh, &pop.unit.zh, &per.unit.zh);
        let (l, p, c, s, r) = (
            number(level.value),
            number(people.value),
            number(computed.round()),
            number(obs.value),
            number(relative * 100.0),
        );
        findings.push(Finding {
            check: Check::PerCapita,
            verdict: verdict(relative, DEFINITIONS),
            values,
            detail: msg!(
                "{l} {gu} ÷ {p} {pu} = {c} {cu}，所述 {s}，相差 {r}%（容差 ±2%：人均按年平均人口计算）",
                "{l} {gu} ÷ {p} {pu} = {c} {cu}, stated {s}, {r}% apart (tolerance ±2%: per capita uses the year's average population)"
            ),
        });
    }
}

/// A stated rank against the ranking of the levels of every region under
/// the same parent, when each of them has a value.
pub fn ranks(dataset: &Dataset, findings: &mut Vec<Finding>) {
    for (ix, indicator) in dataset.indicators().iter().enumerate() {
        let Relation::Rank { of, among } = indicator.relation else { continue };
        let ix = IndicatorIx(ix as u32);
        let siblings: Vec<_> = dataset.children(among).collect();
        let (among_zh, among_en) = (&dataset.region(among).name.zh, dataset.region(among).name.get(Lang::En));
        for obs in indicator.observations() {
            let stated = ValueRef::of(ix, obs);
            let levels: Vec<_> =
                siblings.iter().map(|&region| (region, single(dataset, of, region, obs.period))).collect();
            let missing = levels.iter().filter(|(_, level)| level.is_none()).count();
            let Some(own) = single(dataset, of, obs.region, obs.period) else {
                findings.push(Finding {
                    check: Check::Rank,
                    verdict: Verdict::CannotCheck,
                    values: vec![stated],
                    detail: msg!(
                        "该地区本期没有无争议的数值",
                        "the region has no undisputed level for this period"
                    ),
                });
                continue;
            };
            if missing > 0 || siblings.is_empty() || obs.value > siblings.len() as f64 {
                let (have, all, rank) = (siblings.len() - missing, siblings.len(), number(obs.value));
                findings.push(Finding {
                    check: Check::Rank,
                    verdict: Verdict::CannotCheck,
                    values: vec![stated, ValueRef::of(of, own)],
                    detail: msg!(
                        "文件中{among_zh}的 {all} 个下级地区只有 {have} 个有本期数值，核对第 {rank} 位需要全部地区",
                        "{have} of the {all} regions under {among_en} in the file have a value for this period; checking rank {rank} needs all of them"
                    ),
                });
                continue;
            }
            let above =
                levels.iter().filter(|(_, level)| level.is_some_and(|level| level.value > own.value)).count();
            let computed = above + 1;
            let mut values = vec![stated, ValueRef::of(of, own)];
            values.extend(levels.iter().filter_map(|(_, level)| level.map(|level| ValueRef::of(of, level))));
            values.retain(|value| {
                value.region != obs.region || value.indicator == ix || value == &ValueRef::of(of, own)
            });
            let (s, all) = (number(obs.value), siblings.len());
            findings.push(Finding {
                check: Check::Rank,
                verdict: verdict(obs.value - computed as f64, 0.0),
                values,
                detail: msg!(
                    "{among_zh}的 {all} 个地区中有 {above} 个数值更大，应为第 {computed} 位，所述第 {s} 位",
                    "{above} of the {all} regions under {among_en} have a larger value: rank {computed}, stated {s}"
                ),
            });
        }
    }
}
