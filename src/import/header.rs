//! What a header cell names: a column role of a long table (指标, 地区,
//! 时期, 数值, 单位, 来源, 备注…, in Chinese or English), a period
//! (`2023年`, `1-9月`), a column of a monthly report (本月, 累计, 同比增长),
//! a growth rate, or an indicator with its unit (`地区生产总值（亿元）`).

use super::cells::name_and_unit;
use crate::data::model::Period;
use crate::data::period_text::read_period;

/// A column of a long table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Indicator,
    Region,
    Period,
    Value,
    Unit,
    Source,
    Note,
    Status,
    Qualifier,
    Disputed,
}

impl Role {
    pub fn of(text: &str) -> Option<Self> {
        let text = text.trim().trim_end_matches(['：', ':']);
        let lower = text.to_lowercase();
        let role = match lower.as_str() {
            "指标" | "指标名称" | "项目" | "统计指标" | "indicator" | "indicators" => {
                Self::Indicator
            }
            "地区" | "地区名称" | "区域" | "区县" | "区县名称" | "行政区" | "行政区划" | "地市" | "城市"
            | "省份" | "region" | "regions" | "area" => Self::Region,
            "时期" | "时间" | "期间" | "年份" | "年度" | "年" | "统计时间" | "period" | "year" | "date" => {
                Self::Period
            }
            "数值" | "数据" | "值" | "指标值" | "绝对值" | "value" | "values" => Self::Value,
            "单位" | "计量单位" | "unit" | "units" => Self::Unit,
            "来源" | "数据来源" | "资料来源" | "source" => Self::Source,
            "备注" | "说明" | "注" | "note" | "notes" => Self::Note,
            "状态" | "status" => Self::Status,
            "限定" | "qualifier" => Self::Qualifier,
            "来源不一致" | "disputed" | "conflict" => Self::Disputed,
            _ => return None,
        };
        Some(role)
    }
}

/// A column of a monthly report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Monthly {
    /// 本月, 当月: the month alone.
    Month,
    /// 累计, 1-N月累计: January to the month.
    YearToDate,
    /// 本月同比增长 (%): the month's growth on a year earlier.
    MonthGrowth,
    /// 累计同比增长, 同比增长 (%): the year to date's growth on a year earlier.
    YearToDateGrowth,
}

/// What a header cell says.
#[derive(Clone, Debug, PartialEq)]
pub enum Header {
    Blank,
    Role(Role),
    Period(Period),
    Monthly(Monthly),
    /// 增速, 增长 (%), 同比增长, 比上年增长: a growth rate of what the column group measures.
    Growth {
        real: bool,
    },
    /// Anything else: an indicator (or a region), with a unit if the header gives one.
    Name {
        name: String,
        unit: Option<String>,
    },
}

/// Reads a header cell; `year` is the year the table's title gives.
pub fn read_header(text: &str, year: Option<i16>) -> Header {
    let text = text.trim();
    if text.is_empty() {
        return Header::Blank;
    }
    if let Some(role) = Role::of(text) {
        return Header::Role(role);
    }
    let (name, unit) = name_and_unit(text);
    let bare = name.as_str();
    if let Some(monthly) = monthly(bare) {
        return Header::Monthly(monthly);
    }
    if is_growth(bare) && unit.as_deref().is_none_or(|unit| unit == "%" || unit == "％") {
        return Header::Growth { real: bare.contains("可比") || bare.contains("不变价") };
    }
    if let Ok(period) = read_period(bare, year) {
        return Header::Period(period);
    }
    Header::Name { name, unit }
}

fn is_growth(text: &str) -> bool {
    matches!(
        text,
        "增速"
            | "增长"
            | "增长率"
            | "同比"
            | "同比增长"
            | "同比增速"
            | "比上年增长"
            | "比上年同期增长"
            | "增幅"
            | "growth"
    ) || text.starts_with("比上年") && text.ends_with("增长")
        || text.starts_with("按可比价") && text.contains("增长")
}

fn monthly(text: &str) -> Option<Monthly> {
    // `1—9月累计`, `1~9月累计` and `1至9月累计` are `1-9月累计`.
    let compact = crate::data::period_text::compact(text);
    let compact = compact.as_str();
    if matches!(compact, "本月" | "当月" | "本月数" | "当月数" | "本月值") {
        return Some(Monthly::Month);
    }
    if matches!(compact, "累计" | "本年累计" | "累计数" | "累计值" | "年初至今")
        || compact.ends_with("月累计") && compact.starts_with("1-")
    {
        return Some(Monthly::YearToDate);
    }
    if matches!(compact, "本月同比" | "本月同比增长" | "当月同比" | "当月同比增长" | "本月比上年同月增长")
    {
        return Some(Monthly::MonthGrowth);
    }
    if matches!(compact, "累计同比" | "累计同比增长" | "累计比上年同期增长" | "累计增长")
    {
        return Some(Monthly::YearToDateGrowth);
    }
    None
}

/// Region names that mean "all of them": the parent of the other rows.
pub fn is_total(name: &str) -> bool {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        name.as_str(),
        "全市"
            | "全省"
            | "全区"
            | "全县"
            | "全国"
            | "合计"
            | "总计"
            | "全市合计"
            | "全省合计"
            | "市合计"
            | "总计（全市）"
            | "总体"
            | "Total"
            | "total"
            | "全部"
    )
}

/// Rows under a table that are not data: `注：…`, `资料来源：…`.
pub fn is_note_row(first: &str) -> bool {
    let first = first.trim();
    ["注", "说明", "备注", "资料来源", "数据来源", "来源：", "Note", "Source"]
        .iter()
        .any(|start| first.starts_with(start))
        && first.chars().count() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_say_what_their_columns_hold() {
        assert_eq!(read_header("指标", None), Header::Role(Role::Indicator));
        assert_eq!(read_header("Region", None), Header::Role(Role::Region));
        assert_eq!(read_header("年份", None), Header::Role(Role::Period));
        assert_eq!(read_header("2023年", None), Header::Period(Period::year(2023)));
        assert_eq!(
            read_header("1-9月", Some(2024)),
            Header::Period(Period::parse("2024M01-M09").expect("p"))
        );
        assert_eq!(read_header("本月", None), Header::Monthly(Monthly::Month));
        assert_eq!(read_header("1-9月累计", None), Header::Monthly(Monthly::YearToDate));
        assert_eq!(read_header("1—9月累计", None), Header::Monthly(Monthly::YearToDate));
        assert_eq!(read_header("同比增长（%）", None), Header::Growth { real: false });
        assert_eq!(read_header("累计同比增长(%)", None), Header::Monthly(Monthly::YearToDateGrowth));
        assert_eq!(
            read_header("地区生产总值（亿元）", None),
            Header::Name { name: "地区生产总值".into(), unit: Some("亿元".into()) }
        );
    }

    #[test]
    fn totals_and_notes() {
        assert!(is_total("全市") && is_total("合 计") && !is_total("市中区"));
        assert!(
            is_note_row("注：地区生产总值按当年价格计算") && !is_note_row("注") && !is_note_row("市中区")
        );
    }
}
