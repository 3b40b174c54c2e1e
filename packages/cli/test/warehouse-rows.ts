/** A yearbook cell of 城镇单位就业人员 (core.employment) of 门类 C in 2024: rows of a region's own data for the region tests. */
export const employmentRow = (region_code: string, employment = 1000) => ({
  year: 2024,
  region_code,
  region_matched: true,
  industry_code: 'C',
  industry_level: '门类',
  industry_matched: true,
  section_code: 'C',
  universe: 'urban_units',
  employment,
});
