import { Link } from "react-router-dom";

/** A card on the Báo cáo tab for staff: the dialogues (task 5, CT14). */
export function DialoguesEntry() {
  return (
    <Link to="/dialogues" className="card entry-card" data-testid="dialogues-entry">
      <span className="entry-card__title">Đối thoại với thanh niên</span>
      <span className="muted">Công bố trước 30 ngày, câu hỏi của thanh niên, công bố trả lời (CT14, nhiệm vụ 5)</span>
    </Link>
  );
}
