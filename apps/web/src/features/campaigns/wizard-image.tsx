import { useId, useState, type ChangeEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { UploadedImage } from '@adloop/contracts';
import { api, isApiError } from '../../lib/api.ts';
import type { PlatformCreationOptions, PlatformId } from '../../lib/types.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { Spinner } from '../../components/ui/spinner.tsx';

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const typeWords = (types: readonly string[]) => types.map((t) => (t === 'video/quicktime' ? 'MOV' : t.replace(/^(image|video)\//, '').toUpperCase())).join(', ');
/** "a JPEG", "an MP4": type names are read letter by letter or as words, so the article follows their first sound. */
const article = (words: string) => `${/^[AEFHILMNORSX]/.test(words) ? 'an' : 'a'} ${words}`;
type Rules = NonNullable<PlatformCreationOptions['imageUpload']>;
const WORDS = { image: { label: 'Image', noun: 'image', route: 'images' }, video: { label: 'Upload a video', noun: 'video', route: 'videos' } } as const;

/** Reads a file as base64 (without the data-URL prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * The ad's image or video where the platform takes one: checked here for type and size (the server
 * checks again, and the bytes), uploaded through Adloop to the account's library, its id handed on.
 * `uploaded` is the file name while the draft holds what was uploaded.
 */
export function ImageUpload({ orgId, accountId, rules, kind = 'image', uploaded, error, onUploaded }: { orgId: string; accountId: string; rules: Rules; kind?: 'image' | 'video'; uploaded: string | null; error?: string | undefined; onUploaded: (id: string, name: string) => void }) {
  const words = WORDS[kind];
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [thumbnail, setThumbnail] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const shownName = uploaded ?? done;
  const upload = useMutation({
    mutationFn: ({ file, data }: { file: File; data: string }) => api.post<UploadedImage>(`/orgs/${orgId}/ad-accounts/${accountId}/${words.route}`, { fileName: file.name, contentType: file.type, dataBase64: data }),
    onSuccess: (file) => {
      setDone(file.fileName);
      onUploaded(file.id, file.fileName);
    },
    onError: (e) => setProblem(isApiError(e) && e.issues[0] ? e.issues[0].message : e instanceof Error ? e.message : `The ${words.noun} could not be uploaded`),
  });
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setProblem(null);
    if (!rules.contentTypes.includes(file.type)) return setProblem(`Choose ${article(typeWords(rules.contentTypes))} ${words.noun}`);
    if (file.size > rules.maxBytes) return setProblem(`This ${words.noun} is larger than ${megabytes(rules.maxBytes)}`);
    void readBase64(file).then(
      (data) => {
        // A data: URL, as the page's content policy allows for images.
        if (kind === 'image') setThumbnail(`data:${file.type};base64,${data}`);
        upload.mutate({ file, data });
      },
      (e: unknown) => setProblem(e instanceof Error ? e.message : 'The file could not be read'),
    );
  };
  const shown = problem ?? error;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        {rules.label ?? words.label} <span className="font-normal text-gray-500">(optional)</span>
      </label>
      <input id={id} type="file" accept={rules.contentTypes.join(',')} onChange={onChange} aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`} className="block text-sm" />
      <p id={`${id}-hint`} className="text-xs text-gray-500">
        {typeWords(rules.contentTypes)}, up to {megabytes(rules.maxBytes)}.
      </p>
      {upload.isPending && (
        <p role="status" className="flex items-center gap-2 text-sm text-gray-600">
          <Spinner /> Uploading…
        </p>
      )}
      {shownName && !upload.isPending && (
        <p role="status" className="flex items-center gap-2 text-sm text-gray-700">
          {thumbnail && <img src={thumbnail} alt="" className="size-10 rounded object-cover" />}
          Uploaded: {shownName}
        </p>
      )}
      {shown && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {shown}
        </p>
      )}
    </div>
  );
}

/** Said where the platform's ads created here take no image (Google: Search ads are text only). */
export function NoImageNote({ platform }: { platform: PlatformId }) {
  return <p className="text-sm text-gray-600">{PLATFORM_NAMES[platform]} campaigns created here run text ads, so no image is uploaded.</p>;
}
