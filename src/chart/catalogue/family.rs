//! How the file's regions stand to the focus region, so every region's
//! values land in a chart that makes sense: the focus itself, the regions
//! above it, the regions beside it (its parent's other regions), the regions
//! below it, and every other region, grouped by level so a province is never
//! drawn on the same axis as a county. A focus with no parent in the file (a
//! province among 31, a country among 200) is compared with the other
//! regions without a parent, its peers; aggregates a publisher lists beside
//! them (World, Euro area) are drawn apart and never ranked among them.

use crate::data::model::{Dataset, RegionIx, Text};

use super::points::{en_or_zh, region_name, text};

/// A group of regions drawn together in one multi-region chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Group {
    /// The regions of `parent`: the focus's siblings (with the focus) or its children.
    Under(RegionIx),
    /// The regions without a parent, the focus among them, when the focus has none.
    Peers,
    /// Groups of other regions (World, an income group): drawn together, never ranked.
    Aggregates,
    /// Regions at one depth of the tree (0 is the top) not related to the focus otherwise.
    Others { depth: usize },
}

impl Group {
    /// For chart ids: `jinan-regions`, `others-2`.
    pub fn id(&self, dataset: &Dataset) -> String {
        match self {
            Self::Under(parent) => format!("{}-regions", dataset.region(*parent).id),
            Self::Peers => "peers".to_owned(),
            Self::Aggregates => "aggregates".to_owned(),
            Self::Others { depth } => format!("others-{depth}"),
        }
    }

    /// Whether its regions are ranked side by side (not aggregates, not unrelated regions).
    pub fn ranked(&self) -> bool {
        matches!(self, Self::Under(_) | Self::Peers)
    }

    /// `济南市各地区` / `Regions of Jinan`; `其他地区` / `Other regions`.
    pub fn name(&self, dataset: &Dataset) -> Text {
        match self {
            Self::Under(parent) => {
                let parent = region_name(dataset, *parent);
                text(format!("{}各地区", parent.zh), format!("Regions of {}", en_or_zh(parent)))
            }
            Self::Peers => text("同级地区".to_owned(), "Peer regions".to_owned()),
            Self::Aggregates => text("汇总地区".to_owned(), "Aggregates".to_owned()),
            Self::Others { .. } => text("其他地区".to_owned(), "Other regions".to_owned()),
        }
    }

    /// The region whose parts these are, when they are.
    pub fn parent(&self) -> Option<RegionIx> {
        match self {
            Self::Under(parent) => Some(*parent),
            Self::Peers | Self::Aggregates | Self::Others { .. } => None,
        }
    }
}

/// The focus, its ancestors and every region's group, computed once per build.
pub(super) struct Family {
    pub focus: RegionIx,
    /// Parent first, then its parent, up to the top.
    pub ancestors: Vec<RegionIx>,
    /// Each region's group, by index; `None` for the focus's ancestors (they
    /// are drawn with the focus or on their own).
    groups: Vec<Option<Group>>,
    /// The groups in the order charts are made: siblings, children, others by depth.
    pub ordered: Vec<Group>,
}

impl Family {
    pub fn new(dataset: &Dataset) -> Self {
        let focus = dataset.focus_region();
        let mut ancestors = Vec::new();
        let mut next = dataset.region(focus).parent;
        while let Some(parent) = next {
            if parent == focus || ancestors.contains(&parent) {
                break;
            }
            ancestors.push(parent);
            next = dataset.region(parent).parent;
        }
        let focus_parent = dataset.region(focus).parent;
        let depth = |region: RegionIx| {
            let mut depth = 0;
            let mut next = dataset.region(region).parent;
            while let Some(parent) = next {
                depth += 1;
                if depth > dataset.regions().len() {
                    break;
                }
                next = dataset.region(parent).parent;
            }
            depth
        };
        let groups: Vec<Option<Group>> = (0..dataset.regions().len())
            .map(|at| {
                let region = RegionIx(crate::data::model::index_u32(at));
                let parent = dataset.region(region).parent;
                let aggregate = dataset.region(region).aggregate;
                if ancestors.contains(&region) {
                    None
                } else if aggregate && region != focus && parent.is_none() {
                    Some(Group::Aggregates)
                } else if focus_parent.is_none() && parent.is_none() {
                    Some(Group::Peers)
                } else if region == focus || (parent.is_some() && parent == focus_parent) {
                    focus_parent.map(Group::Under)
                } else if parent == Some(focus) {
                    Some(Group::Under(focus))
                } else {
                    Some(Group::Others { depth: depth(region) })
                }
            })
            .collect();
        let mut ordered: Vec<Group> = Vec::new();
        ordered.extend(focus_parent.map(Group::Under));
        if focus_parent.is_none() {
            ordered.push(Group::Peers);
        }
        ordered.push(Group::Under(focus));
        let mut depths: Vec<usize> = groups
            .iter()
            .filter_map(|group| match group {
                Some(Group::Others { depth }) => Some(*depth),
                _ => None,
            })
            .collect();
        depths.sort_unstable();
        depths.dedup();
        ordered.extend(depths.into_iter().map(|depth| Group::Others { depth }));
        if groups.contains(&Some(Group::Aggregates)) {
            ordered.push(Group::Aggregates);
        }
        Self { focus, ancestors, groups, ordered }
    }

    /// The group `region` is drawn in, if any.
    pub fn group_of(&self, region: RegionIx) -> Option<&Group> {
        self.groups.get(region.0 as usize).and_then(Option::as_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn the_default_data_groups_shizhong_with_jinans_districts() {
        let dataset = load_embedded().expect("embedded");
        let family = Family::new(&dataset);
        let id = |region: &str| dataset.region_by_id(region).expect(region);
        assert_eq!(family.ancestors, [id("jinan"), id("shandong")]);
        assert_eq!(family.group_of(id("lixia")), Some(&Group::Under(id("jinan"))));
        assert_eq!(
            family.group_of(id("shizhong")),
            Some(&Group::Under(id("jinan"))),
            "the focus among its siblings"
        );
        assert_eq!(family.group_of(id("jinan")), None, "an ancestor is drawn on its own");
    }
}
