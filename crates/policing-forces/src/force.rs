//! The police forces of England and Wales.

use std::fmt;
use std::str::FromStr;

use crate::error::{ForceError, Result};

/// The country of a force area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Country {
    /// England.
    England,
    /// Wales.
    Wales,
}

/// The region a force belongs to, as the Home Office workforce tables group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Region {
    /// North East.
    NorthEast,
    /// North West.
    NorthWest,
    /// Yorkshire and the Humber.
    YorkshireAndTheHumber,
    /// East Midlands.
    EastMidlands,
    /// West Midlands.
    WestMidlands,
    /// Eastern (East of England).
    Eastern,
    /// London.
    London,
    /// South East.
    SouthEast,
    /// South West.
    SouthWest,
    /// Wales.
    Wales,
    /// A force with no geographic area (British Transport Police).
    National,
}

impl Region {
    /// The region's name as the Home Office tables print it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Region::NorthEast => "North East",
            Region::NorthWest => "North West",
            Region::YorkshireAndTheHumber => "Yorkshire and the Humber",
            Region::EastMidlands => "East Midlands",
            Region::WestMidlands => "West Midlands",
            Region::Eastern => "Eastern",
            Region::London => "London",
            Region::SouthEast => "South East",
            Region::SouthWest => "South West",
            Region::Wales => "Wales",
            Region::National => "National",
        }
    }
}

macro_rules! forces {
    ($($variant:ident => $code:expr, $ons:literal, $name:literal, $slug:literal, $region:ident, [$($alias:literal),*];)*) => {
        /// A police force: the 43 territorial forces of England and Wales, and
        /// British Transport Police (out of scope of PEEL, [`Force::is_territorial`] false).
        ///
        /// ```
        /// use policing_forces::{Force, Region};
        /// let f: Force = "Devon & Cornwall Police".parse()?;
        /// assert_eq!(f, Force::DevonAndCornwall);
        /// assert_eq!(f.slug(), "devon-and-cornwall");
        /// assert_eq!(f.ons_code(), Some("E23000035"));
        /// assert_eq!(f.region(), Region::SouthWest);
        /// assert_eq!("metropolitan police service".parse::<Force>()?, Force::Metropolitan);
        /// assert_eq!("London, City of".parse::<Force>()?, Force::CityOfLondon);
        /// assert!("Police Scotland".parse::<Force>().is_err());
        /// # Ok::<(), policing_forces::ForceError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "&'static str"))]
        #[non_exhaustive]
        pub enum Force {
            $(
                #[doc = $name]
                $variant,
            )*
        }

        impl Force {
            /// Every force: the 43 territorial forces in ONS code order, then British Transport Police.
            pub const ALL: &'static [Force] = &[$(Force::$variant),*];

            /// The name as the Home Office and data.police.uk write it ("Falls within").
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(Force::$variant => $name),* }
            }

            /// The data.police.uk slug (`wiltshire`, `btp`).
            #[must_use]
            pub fn slug(self) -> &'static str {
                match self { $(Force::$variant => $slug),* }
            }

            /// The ONS police force area code (E23..., W15...); none for British Transport Police.
            #[must_use]
            pub fn ons_code(self) -> Option<&'static str> {
                match self { $(Force::$variant => $code),* }
            }

            /// The police force area's name in the ONS lookup ("Devon & Cornwall", "London, City of").
            #[must_use]
            pub fn ons_name(self) -> &'static str {
                match self { $(Force::$variant => $ons),* }
            }

            /// The region.
            #[must_use]
            pub fn region(self) -> Region {
                match self { $(Force::$variant => Region::$region),* }
            }

            /// Other spellings the real files use ("Avon & Somerset", "Metropolitan"),
            /// each of which parses as this force (as do its name, ONS name, slug and code).
            #[must_use]
            pub fn aliases(self) -> &'static [&'static str] {
                match self { $(Force::$variant => &[$($alias),*]),* }
            }
        }
    };
}

forces! {
    Metropolitan => Some("E23000001"), "Metropolitan Police", "Metropolitan Police Service", "metropolitan", London, ["Met"];
    Cumbria => Some("E23000002"), "Cumbria", "Cumbria Constabulary", "cumbria", NorthWest, [];
    Lancashire => Some("E23000003"), "Lancashire", "Lancashire Constabulary", "lancashire", NorthWest, [];
    Merseyside => Some("E23000004"), "Merseyside", "Merseyside Police", "merseyside", NorthWest, [];
    GreaterManchester => Some("E23000005"), "Greater Manchester", "Greater Manchester Police", "greater-manchester", NorthWest, ["GMP"];
    Cheshire => Some("E23000006"), "Cheshire", "Cheshire Constabulary", "cheshire", NorthWest, [];
    Northumbria => Some("E23000007"), "Northumbria", "Northumbria Police", "northumbria", NorthEast, [];
    Durham => Some("E23000008"), "Durham", "Durham Constabulary", "durham", NorthEast, [];
    NorthYorkshire => Some("E23000009"), "North Yorkshire", "North Yorkshire Police", "north-yorkshire", YorkshireAndTheHumber, [];
    WestYorkshire => Some("E23000010"), "West Yorkshire", "West Yorkshire Police", "west-yorkshire", YorkshireAndTheHumber, [];
    SouthYorkshire => Some("E23000011"), "South Yorkshire", "South Yorkshire Police", "south-yorkshire", YorkshireAndTheHumber, [];
    Humberside => Some("E23000012"), "Humberside", "Humberside Police", "humberside", YorkshireAndTheHumber, [];
    Cleveland => Some("E23000013"), "Cleveland", "Cleveland Police", "cleveland", NorthEast, [];
    WestMidlands => Some("E23000014"), "West Midlands", "West Midlands Police", "west-midlands", WestMidlands, [];
    Staffordshire => Some("E23000015"), "Staffordshire", "Staffordshire Police", "staffordshire", WestMidlands, [];
    WestMercia => Some("E23000016"), "West Mercia", "West Mercia Police", "west-mercia", WestMidlands, [];
    Warwickshire => Some("E23000017"), "Warwickshire", "Warwickshire Police", "warwickshire", WestMidlands, [];
    Derbyshire => Some("E23000018"), "Derbyshire", "Derbyshire Constabulary", "derbyshire", EastMidlands, [];
    Nottinghamshire => Some("E23000019"), "Nottinghamshire", "Nottinghamshire Police", "nottinghamshire", EastMidlands, [];
    Lincolnshire => Some("E23000020"), "Lincolnshire", "Lincolnshire Police", "lincolnshire", EastMidlands, [];
    Leicestershire => Some("E23000021"), "Leicestershire", "Leicestershire Police", "leicestershire", EastMidlands, [];
    Northamptonshire => Some("E23000022"), "Northamptonshire", "Northamptonshire Police", "northamptonshire", EastMidlands, [];
    Cambridgeshire => Some("E23000023"), "Cambridgeshire", "Cambridgeshire Constabulary", "cambridgeshire", Eastern, [];
    Norfolk => Some("E23000024"), "Norfolk", "Norfolk Constabulary", "norfolk", Eastern, [];
    Suffolk => Some("E23000025"), "Suffolk", "Suffolk Constabulary", "suffolk", Eastern, [];
    Bedfordshire => Some("E23000026"), "Bedfordshire", "Bedfordshire Police", "bedfordshire", Eastern, [];
    Hertfordshire => Some("E23000027"), "Hertfordshire", "Hertfordshire Constabulary", "hertfordshire", Eastern, [];
    Essex => Some("E23000028"), "Essex", "Essex Police", "essex", Eastern, [];
    ThamesValley => Some("E23000029"), "Thames Valley", "Thames Valley Police", "thames-valley", SouthEast, [];
    Hampshire => Some("E23000030"), "Hampshire", "Hampshire Constabulary", "hampshire", SouthEast, [];
    Surrey => Some("E23000031"), "Surrey", "Surrey Police", "surrey", SouthEast, [];
    Kent => Some("E23000032"), "Kent", "Kent Police", "kent", SouthEast, [];
    Sussex => Some("E23000033"), "Sussex", "Sussex Police", "sussex", SouthEast, [];
    CityOfLondon => Some("E23000034"), "London, City of", "City of London Police", "city-of-london", London, ["City of London"];
    DevonAndCornwall => Some("E23000035"), "Devon & Cornwall", "Devon & Cornwall Police", "devon-and-cornwall", SouthWest, [];
    AvonAndSomerset => Some("E23000036"), "Avon and Somerset", "Avon and Somerset Constabulary", "avon-and-somerset", SouthWest, [];
    Gloucestershire => Some("E23000037"), "Gloucestershire", "Gloucestershire Constabulary", "gloucestershire", SouthWest, [];
    Wiltshire => Some("E23000038"), "Wiltshire", "Wiltshire Police", "wiltshire", SouthWest, [];
    Dorset => Some("E23000039"), "Dorset", "Dorset Police", "dorset", SouthWest, [];
    NorthWales => Some("W15000001"), "North Wales", "North Wales Police", "north-wales", Wales, [];
    Gwent => Some("W15000002"), "Gwent", "Gwent Police", "gwent", Wales, [];
    SouthWales => Some("W15000003"), "South Wales", "South Wales Police", "south-wales", Wales, [];
    DyfedPowys => Some("W15000004"), "Dyfed-Powys", "Dyfed-Powys Police", "dyfed-powys", Wales, [];
    BritishTransportPolice => None, "British Transport Police", "British Transport Police", "btp", National, ["BTP"];
}

/// Folds a force name for matching: lower case, "&" as "and", hyphens, commas
/// and full stops as spaces, single spaces, and the suffixes "police service",
/// "constabulary" and "police" dropped.
fn fold(text: &str) -> String {
    let lowered = text.trim().to_lowercase().replace('&', " and ");
    let spaced: String = lowered.chars().map(|c| if matches!(c, '-' | ',' | '.' | '_') { ' ' } else { c }).collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    for suffix in [&["police", "service"][..], &["constabulary"][..], &["police"][..], &["service"][..]] {
        if words.len() > suffix.len() && words.ends_with(suffix) {
            words.truncate(words.len() - suffix.len());
            break;
        }
    }
    words.join(" ")
}

impl Force {
    /// The 43 territorial forces, in ONS code order.
    pub fn territorial() -> impl Iterator<Item = Force> {
        Force::ALL.iter().copied().filter(|f| f.is_territorial())
    }

    /// Whether the force polices a territorial area (all but British Transport Police).
    #[must_use]
    pub fn is_territorial(self) -> bool {
        self.ons_code().is_some()
    }

    /// Whether the force is in the scope of PEEL (the 43 territorial forces).
    #[must_use]
    pub fn in_peel_scope(self) -> bool {
        self.is_territorial()
    }

    /// Why the force is left out of every ranking of forces, if it is: the one
    /// stated reason every table, profile and figure gives (its counts stay in
    /// England and Wales's).
    ///
    /// City of London polices the financial district: 8,760 residents (ONS
    /// mid-2015) and a far larger working and visiting population, for which
    /// the inspectorate's own figures use a transient population that no public
    /// source gives. Its rates per resident, and the mix of its crime and
    /// outcomes, are not comparable with an area where people live, so it is
    /// ranked nowhere. British Transport Police has no area and is in no
    /// comparison of the 43 forces at all.
    ///
    /// ```
    /// use policing_forces::Force;
    /// assert!(Force::CityOfLondon.not_ranked().is_some());
    /// assert!(Force::Wiltshire.not_ranked().is_none());
    /// ```
    #[must_use]
    pub fn not_ranked(self) -> Option<&'static str> {
        match self {
            Force::CityOfLondon => Some(
                "City of London is not ranked: it polices the financial district, 8,760 residents and a far larger \
                 working population (the inspectorate uses a transient population no public source gives), so its \
                 rates and shares are not comparable with other forces'; its counts are in England and Wales's",
            ),
            Force::BritishTransportPolice => Some(
                "British Transport Police is not ranked: it has no area and is not one of the 43 territorial forces",
            ),
            _ => None,
        }
    }

    /// The country.
    #[must_use]
    pub fn country(self) -> Option<Country> {
        match self.ons_code() {
            Some(c) if c.starts_with('W') => Some(Country::Wales),
            Some(_) => Some(Country::England),
            None => None,
        }
    }

    /// The force with ONS police force area code `code`.
    ///
    /// # Errors
    /// [`ForceError::UnknownForce`] naming the code.
    pub fn from_ons_code(code: &str) -> Result<Force> {
        let code = code.trim();
        Force::ALL
            .iter()
            .copied()
            .find(|f| f.ons_code().is_some_and(|c| c.eq_ignore_ascii_case(code)))
            .ok_or_else(|| ForceError::UnknownForce { text: code.to_owned(), suggestion: None })
    }
}

impl FromStr for Force {
    type Err = ForceError;

    /// Parses any spelling found in the real files: the data.police.uk name, the
    /// ONS area name, the Home Office table name ("Avon & Somerset",
    /// "Metropolitan"), the slug or the ONS code, ignoring case, "&"/"and",
    /// hyphens and the words "Police", "Constabulary" and "Police Service".
    fn from_str(text: &str) -> Result<Force> {
        Force::from_name(text).ok_or_else(|| ForceError::UnknownForce {
            text: text.to_owned(),
            suggestion: Some(fold(text)).filter(|f| !f.is_empty()).and_then(|f| nearest(&f)),
        })
    }
}

/// Every spelling `Force::from_name` accepts, folded, with its force.
fn spellings() -> &'static std::collections::HashMap<String, Force> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<String, Force>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for f in Force::ALL.iter().copied() {
            let names = [fold(f.name()), fold(f.ons_name()), fold(f.slug())];
            for name in names.into_iter().chain(f.aliases().iter().map(|a| fold(a))) {
                map.entry(name).or_insert(f);
            }
        }
        map.entry("london city of".to_owned()).or_insert(Force::CityOfLondon);
        map
    })
}

impl Force {
    /// The force a name, slug or ONS code names, as [`str::parse`] reads it,
    /// without the suggestion its error carries: one look-up, for readers that
    /// meet many unknown names.
    ///
    /// ```
    /// use policing_forces::Force;
    ///
    /// assert_eq!(Force::from_name("Avon & Somerset"), Some(Force::AvonAndSomerset));
    /// assert_eq!(Force::from_name("E23000038"), Some(Force::Wiltshire));
    /// assert_eq!(Force::from_name("Wessex"), None);
    /// ```
    #[must_use]
    pub fn from_name(text: &str) -> Option<Force> {
        let code = text.trim();
        if code.len() == 9
            && code.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("E23") || p.eq_ignore_ascii_case("W15"))
        {
            if let Some(f) =
                Force::ALL.iter().copied().find(|f| f.ons_code().is_some_and(|c| c.eq_ignore_ascii_case(code)))
            {
                return Some(f);
            }
        }
        let folded = fold(text);
        if folded.is_empty() {
            return None;
        }
        spellings().get(&folded).copied()
    }
}

/// The edit distance (insertions, deletions, substitutions, adjacent swaps) between two texts.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let mut best = (prev.get(j).copied().unwrap_or(usize::MAX) + 1)
                .min(row.get(j - 1).copied().unwrap_or(usize::MAX) + 1)
                .min(prev.get(j - 1).copied().unwrap_or(usize::MAX) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                best = best.min(prev2.get(j - 2).copied().unwrap_or(usize::MAX) + 1);
            }
            if let Some(cell) = row.get_mut(j) {
                *cell = best;
            }
        }
        prev2 = std::mem::replace(&mut prev, row);
    }
    prev.last().copied().unwrap_or(0)
}

/// The force whose folded name, ONS name, slug or alias begins with `folded`
/// (if only one does, and `folded` has four letters or more), else the one
/// nearest it, if within a third of its length (and at most 4 edits).
fn nearest(folded: &str) -> Option<&'static str> {
    let names = |f: Force| {
        [fold(f.name()), fold(f.ons_name()), fold(f.slug())].into_iter().chain(f.aliases().iter().map(|a| fold(a)))
    };
    if folded.chars().count() >= 4 {
        let starting: Vec<Force> =
            Force::ALL.iter().copied().filter(|f| names(*f).any(|n| n.starts_with(folded))).collect();
        if let [only] = starting.as_slice() {
            return Some(only.name());
        }
    }
    let mut best: Option<(usize, Force)> = None;
    for f in Force::ALL.iter().copied() {
        for name in names(f) {
            let d = distance(folded, &name);
            if best.is_none_or(|(b, _)| d < b) {
                best = Some((d, f));
            }
        }
    }
    let (d, f) = best?;
    (d > 0 && d <= (folded.chars().count() / 3).clamp(1, 4)).then(|| f.name())
}

impl TryFrom<String> for Force {
    type Error = ForceError;
    fn try_from(s: String) -> Result<Force> {
        s.parse()
    }
}

impl From<Force> for &'static str {
    fn from(f: Force) -> &'static str {
        f.name()
    }
}

impl fmt::Display for Force {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
