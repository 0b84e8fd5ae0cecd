import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { CopyButton } from '../../components/ui/copy-button.tsx';

function download(codes: string[]) {
  const blob = new Blob([`Adloop recovery codes\nEach code works once.\n\n${codes.join('\n')}\n`], { type: 'text/plain' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'adloop-recovery-codes.txt';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The ten recovery codes, shown once right after enrolment. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <Alert tone="warning" title="Save your recovery codes now">
        Two-factor authentication is on. If you lose your phone, each of these codes signs you in once. This is the only time we show them.
      </Alert>
      <ul aria-label="Recovery codes" className="grid max-w-md grid-cols-2 gap-2 rounded-md bg-gray-50 p-4 font-mono text-sm ring-1 ring-gray-200">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={codes.join('\n')} label="Copy codes" />
        <Button variant="secondary" onClick={() => download(codes)}>
          Download codes
        </Button>
        <Button onClick={onDone}>I have saved my codes</Button>
      </div>
    </div>
  );
}
