import { z } from "zod";

/** One message of the in-app inbox (its Zalo push status is not shown to the recipient). */
export const NotificationItemSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().meta({ description: "e.g. announcement, report_reminder, report_returned, feedback_answered" }),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().meta({ description: "In-app path to open, e.g. /announcements/12" }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: "NotificationItem" });
export type NotificationItem = z.infer<typeof NotificationItemSchema>;

export const NotificationListQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,12}$/, "Con trỏ phân trang không hợp lệ")
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const NotificationPageSchema = z
  .object({
    items: z.array(NotificationItemSchema),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int(),
  })
  .meta({ id: "NotificationPage" });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const NotificationReadSchema = z
  .object({ id: z.number().int(), readAt: z.string(), unreadCount: z.number().int() })
  .meta({ id: "NotificationRead" });
export type NotificationRead = z.infer<typeof NotificationReadSchema>;

export const NotificationReadAllSchema = z
  .object({ updated: z.number().int(), unreadCount: z.number().int() })
  .meta({ id: "NotificationReadAll" });
export type NotificationReadAll = z.infer<typeof NotificationReadAllSchema>;
