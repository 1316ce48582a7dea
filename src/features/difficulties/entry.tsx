import { Link } from "react-router-dom";
import { useLoad } from "../../lib/use-load";
import { difficultiesApi } from "./api";

/** A card on the Báo cáo tab: the register's figures, opening it. */
export function DifficultiesEntry() {
  const { data } = useLoad(() => difficultiesApi.list({}), []);
  return (
    <Link to="/difficulties" className="card entry-card" data-testid="difficulties-entry">
      <span className="entry-card__title">Khó khăn, đề xuất của đơn vị</span>
      <span className="muted">{data ? `${data.counts.new} mới · ${data.counts.forwarded} đã chuyển · ${data.counts.resolved} đã giải quyết` : "Theo dõi đến khi có kết quả"}</span>
    </Link>
  );
}
