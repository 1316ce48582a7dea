import type { ReactNode } from "react";
import { Button } from "zmp-ui";
import type { AnnouncementCategory } from "@contract/announcements";

interface Props {
  categories: AnnouncementCategory[];
  categoryId: number | null;
  onCategory(id: number | null): void;
  /** the name of a category being added, `null` while that row is closed */
  newCategory: string | null;
  onNewCategory(name: string | null): void;
  onAdd(): void;
  newCategoryError: ReactNode;
  error: ReactNode;
}

/** "Chuyên mục" of the compose screen: one of the existing categories, or a new one added on the spot. */
export function CategoryField({ categories, categoryId, onCategory, newCategory, onNewCategory, onAdd, newCategoryError, error }: Props) {
  return (
    <>
      <label className="field-label" htmlFor="ann-category">
        Chuyên mục
      </label>
      <div className="row">
        <select id="ann-category" className="native-select" data-testid="ann-category" value={categoryId ?? ""} onChange={(e) => onCategory(Number(e.target.value) || null)}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <Button size="small" variant="tertiary" htmlType="button" onClick={() => onNewCategory(newCategory === null ? "" : null)}>
          + Thêm
        </Button>
      </div>
      {newCategory !== null && (
        <div className="row">
          <input
            className="native-input"
            placeholder="Tên chuyên mục mới"
            aria-label="Tên chuyên mục mới"
            data-testid="ann-new-category"
            maxLength={60}
            value={newCategory}
            onChange={(e) => onNewCategory(e.target.value)}
            onKeyDown={(e) => {
              // Enter adds the category instead of submitting the whole notice.
              if (e.key === "Enter") {
                e.preventDefault();
                onAdd();
              }
            }}
          />
          <Button size="small" htmlType="button" onClick={() => onAdd()} data-testid="ann-add-category">
            Thêm
          </Button>
        </div>
      )}
      {newCategory !== null && newCategoryError}
      {error}
    </>
  );
}
