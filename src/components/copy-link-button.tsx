import { Button } from "zmp-ui";
import { copyText } from "../lib/copy-text";
import { useNotify } from "./use-notify";

/** "Sao chép đường dẫn": copies a link to paste into Zalo, and says whether it worked. */
export function CopyLinkButton({ link, done = "Đã sao chép đường dẫn.", testId }: { link: string; done?: string; testId: string }) {
  const notify = useNotify();
  return (
    <Button
      size="small"
      variant="secondary"
      onClick={async () => {
        if (await copyText(link)) notify.success(done);
        else notify.error("Không sao chép được. Hãy chọn và sao chép đường dẫn bằng tay.");
      }}
      data-testid={testId}
    >
      Sao chép đường dẫn
    </Button>
  );
}
