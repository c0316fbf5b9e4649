//! The crime categories of data.police.uk street files ("Crime type"), as
//! published: matched exactly, so a lower-case "anti-social behaviour" is not
//! taken for the category (`docs/reference/domain.md` section 2.2).

use std::fmt;

use crate::error::CrimeError;

macro_rules! categories {
    ($($variant:ident => $name:literal, $slug:literal, $legacy:literal;)*) => {
        /// A data.police.uk crime category.
        ///
        /// ```
        /// use policing_crime::CrimeCategory;
        /// assert_eq!(CrimeCategory::from_name("Anti-social behaviour")?, CrimeCategory::AntiSocialBehaviour);
        /// assert!(CrimeCategory::from_name("anti-social behaviour").is_err());
        /// assert!(!CrimeCategory::AntiSocialBehaviour.is_crime());
        /// assert_eq!(CrimeCategory::ViolenceAndSexualOffences.slug(), "violent-crime");
        /// # Ok::<(), policing_crime::CrimeError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum CrimeCategory {
            $(
                #[doc = $name]
                $variant,
            )*
        }

        impl CrimeCategory {
            /// Every category, the current ones first, then the legacy ones.
            pub const ALL: &'static [CrimeCategory] = &[$(CrimeCategory::$variant),*];

            /// The name as the files write it.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $(CrimeCategory::$variant => $name),* }
            }

            /// The API's slug.
            #[must_use]
            pub fn slug(self) -> &'static str {
                match self { $(CrimeCategory::$variant => $slug),* }
            }

            /// Whether the category is only in files of about 2013 and before
            /// (UNCONFIRMED: the names of the older categories are as commonly reported).
            #[must_use]
            pub fn is_legacy(self) -> bool {
                match self { $(CrimeCategory::$variant => $legacy),* }
            }
        }
    };
}

categories! {
    AntiSocialBehaviour => "Anti-social behaviour", "anti-social-behaviour", false;
    BicycleTheft => "Bicycle theft", "bicycle-theft", false;
    Burglary => "Burglary", "burglary", false;
    CriminalDamageAndArson => "Criminal damage and arson", "criminal-damage-arson", false;
    Drugs => "Drugs", "drugs", false;
    OtherTheft => "Other theft", "other-theft", false;
    PossessionOfWeapons => "Possession of weapons", "possession-of-weapons", false;
    PublicOrder => "Public order", "public-order", false;
    Robbery => "Robbery", "robbery", false;
    Shoplifting => "Shoplifting", "shoplifting", false;
    TheftFromThePerson => "Theft from the person", "theft-from-the-person", false;
    VehicleCrime => "Vehicle crime", "vehicle-crime", false;
    ViolenceAndSexualOffences => "Violence and sexual offences", "violent-crime", false;
    OtherCrime => "Other crime", "other-crime", false;
    ViolentCrime => "Violent crime", "violent-crime", true;
    PublicDisorderAndWeapons => "Public disorder and weapons", "public-disorder-weapons", true;
}

impl CrimeCategory {
    /// The category named exactly `name` (the published spelling and case).
    ///
    /// # Errors
    /// [`CrimeError::UnknownCrimeCategory`] naming the text.
    pub fn from_name(name: &str) -> Result<Self, CrimeError> {
        CrimeCategory::ALL
            .iter()
            .copied()
            .find(|c| c.name() == name)
            .ok_or_else(|| CrimeError::UnknownCrimeCategory { text: name.to_owned() })
    }

    /// Whether rows of the category are crimes (every category but anti-social behaviour).
    #[must_use]
    pub fn is_crime(self) -> bool {
        self != CrimeCategory::AntiSocialBehaviour
    }
}

impl fmt::Display for CrimeCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
