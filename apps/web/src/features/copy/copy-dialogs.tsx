import * as RadixDialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { promptQuery } from './copy-api.ts';

/** A wide modal for the copy panel and the prompt (focus trapped, Escape closes, labelled by its title). */
export function WideDialog({ open, onOpenChange, title, trigger, children }: { open: boolean; onOpenChange: (open: boolean) => void; title: ReactNode; trigger?: ReactNode; children: ReactNode }) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-gray-900/40" />
        <RadixDialog.Content
          aria-describedby={undefined}
          onEscapeKeyDown={(event) => {
            // Escape inside a variation being edited discards the edit (the card handles it), not the dialog.
            if (document.activeElement instanceof HTMLElement && document.activeElement.closest('[data-editing="true"]')) event.preventDefault();
          }}
          className="fixed top-1/2 left-1/2 z-50 flex max-h-[92vh] w-[calc(100vw-2rem)] max-w-4xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-gray-50 shadow-xl focus:outline-none"
        >
          <div className="flex items-center justify-between gap-4 border-b border-gray-200 bg-white px-5 py-3">
            <RadixDialog.Title className="text-base font-semibold text-gray-900">{title}</RadixDialog.Title>
            <RadixDialog.Close className="rounded-md px-2 py-1 text-sm font-medium text-gray-700 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-indigo-600">Close</RadixDialog.Close>
          </div>
          <div className="overflow-y-auto p-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** "View prompt": the messages exactly as sent to the model for this generation, per call. */
export function ViewPromptButton({ orgId, generationId }: { orgId: string; generationId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <WideDialog
      open={open}
      onOpenChange={setOpen}
      title="The prompt as sent"
      trigger={
        <Button variant="ghost" className="px-2 py-1 text-xs">
          View prompt
        </Button>
      }
    >
      {open && <PromptView orgId={orgId} generationId={generationId} />}
    </WideDialog>
  );
}

function PromptView({ orgId, generationId }: { orgId: string; generationId: string }) {
  const prompt = useQuery(promptQuery(orgId, generationId));
  if (prompt.isPending) return <LoadingState label="Loading the prompt…" />;
  if (prompt.isError) return <ErrorState error={prompt.error} orgId={orgId} onRetry={() => void prompt.refetch()} />;
  const { calls, source } = prompt.data;
  return (
    <div className="space-y-4">
      <p className="text-sm text-gray-600">
        {source === 'ai'
          ? 'Each call to the model, with every message exactly as it was sent. The brief and the landing page’s text are fenced as data: the model is told never to follow them as instructions.'
          : 'No model wrote this copy: the template grammar filled it from these inputs.'}
      </p>
      {calls.length === 0 && <Alert>No call was made for this copy.</Alert>}
      {calls.map((call, i) => (
        <section key={i} aria-label={`Call ${i + 1}: ${PLATFORM_NAMES[call.platform]}`} className="space-y-2">
          <h3 className="text-sm font-semibold text-gray-900">
            Call {i + 1}: {PLATFORM_NAMES[call.platform]} <span className="font-normal text-gray-500">· {new Date(call.at).toLocaleString()}</span>
          </h3>
          {call.messages.map((message, j) => (
            <div key={j} className="rounded-md bg-white ring-1 ring-gray-200">
              <p className="border-b border-gray-100 px-3 py-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">{message.role}</p>
              <pre tabIndex={0} aria-label={`${message.role} message of call ${i + 1}`} className="max-h-72 overflow-auto px-3 py-2 font-mono text-xs whitespace-pre-wrap text-gray-800">
                {message.content}
              </pre>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
