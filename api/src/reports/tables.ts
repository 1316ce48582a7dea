// Tables of the reports feature (filled in by that feature).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportTables {}
