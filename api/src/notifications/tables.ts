// Tables of the notifications feature (filled in by that feature).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NotificationTables {}
