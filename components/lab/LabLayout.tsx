import type { ReactNode } from "react";
import { LabPanel } from "./LabPanel";
import { LabProvider } from "./LabContext";
import { PhoneLabBar, SkipToLab } from "./LabNav";
import type { LabConfig } from "./lab-session";
import { SplitPane } from "./SplitPane";
import { WorkshopBar } from "@/components/workshop/WorkshopBar";

/**
 * A page of text beside its lab (lessons and challenges): one lab session for both sides, the split filling
 * the window below the header on large screens and stacking on phones (with a bar to switch between them).
 * A learner in a workshop sees its bar (items, announcements) above the text.
 */
export function LabLayout({
  config,
  historyKey,
  children,
}: {
  config: LabConfig;
  historyKey: string;
  children: ReactNode;
}) {
  return (
    <LabProvider config={config}>
      <SkipToLab />
      <div className="flex flex-1 flex-col pb-12 lg:h-[calc(100dvh-3.5rem-1px)] lg:flex-none lg:pb-0">
        <SplitPane
          left={
            <>
              <WorkshopBar />
              {children}
            </>
          }
          right={<LabPanel historyKey={historyKey} />}
        />
      </div>
      <PhoneLabBar />
    </LabProvider>
  );
}
