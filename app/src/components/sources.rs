use leptos::prelude::*;

/// Credits every public dataset Bayline shows, as their licences require.
#[component]
pub fn Sources() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <h2>"Data sources"</h2>
            <ul class="sources">
                <li>
                    "Programs and completions: U.S. Department of Education, NCES, "
                    <a href="https://nces.ed.gov/ipeds/">"IPEDS"</a>
                    " 2023-24 completions (C2024_A), HD2024 (public domain)."
                </li>
                <li>
                    "Wages: U.S. Bureau of Labor Statistics, "
                    <a href="https://www.bls.gov/oes/">"Occupational Employment and Wage Statistics"</a>
                    ", May 2025 (public domain)."
                </li>
                <li>
                    "ZIP code locations: Contains GeoNames data, "
                    <a href="https://www.geonames.org/">"www.geonames.org"</a>
                    ", licensed under "
                    <a href="https://creativecommons.org/licenses/by/4.0/">"CC BY 4.0"</a>
                    "; U.S. Census Bureau ZCTA Gazetteer 2021 (public domain); a ZIP code's state or territory from the USPS prefix table (Domestic Mail Manual L002)."
                </li>
                <li>
                    "State outlines: U.S. Census Bureau cartographic boundaries via "
                    <a href="https://github.com/topojson/us-atlas">"us-atlas"</a>
                    " (ISC licence)."
                </li>
            </ul>
            <p class="colophon">"Bayline is open source."</p>
        </footer>
    }
}
