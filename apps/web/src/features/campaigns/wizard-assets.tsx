import { useEffect } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AdAccountAssets, AdAssetChoice, PlatformCreationOptions } from '../../lib/types.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Spinner } from '../../components/ui/spinner.tsx';
import { type Draft, type Errors, assetWords, choicesOf, shownAssets } from './wizard-model.ts';

const choiceLabel = (choice: AdAssetChoice) => (choice.detail ? `${choice.name} · ${choice.detail}` : choice.name);

/**
 * The ad's account assets (library video, Page, identity): a list of the account's own to pick
 * from, loaded from the platform when the ad step shows. While loading a line says so; an account
 * with none of a kind says where to add one; when listing fails, the ids can be typed instead.
 * The inputs are named `assets.<kind>`, so the API's field errors land on them.
 */
export function AssetPickers({
  draft,
  options,
  errors,
  assets,
  setAsset,
}: {
  draft: Draft;
  options: PlatformCreationOptions;
  errors: Errors;
  assets: UseQueryResult<AdAccountAssets>;
  setAsset: (asset: string, value: string) => void;
}) {
  const choices = assets.data?.assets;
  // A kind with one choice: the platform would take that one anyway, so it shows chosen.
  useEffect(() => {
    for (const [asset, list] of Object.entries(choices ?? {})) {
      const only = list?.length === 1 ? list[0] : undefined;
      if (only && !draft.assets[asset]) setAsset(asset, only.id);
    }
  }, [choices, draft.assets, setAsset]);

  const kinds = shownAssets(options, draft, errors, choices);
  return (
    <>
      {assets.isLoading && (
        <p role="status" className="flex items-center gap-2 text-sm text-gray-500">
          <Spinner />
          Loading what this account’s ads can be built from…
        </p>
      )}
      {assets.isError && (
        <Alert tone="warning" title="Could not list this account’s videos, Pages and identities">
          <p>{assets.error instanceof Error ? assets.error.message : 'Something went wrong'} You can enter the ids instead.</p>
          <Button variant="secondary" className="mt-2" onClick={() => void assets.refetch()}>
            Try again
          </Button>
        </Alert>
      )}
      {kinds.map((asset) => {
        const words = assetWords(asset);
        const list = choicesOf(choices, asset);
        const value = draft.assets[asset] ?? '';
        const error = errors[`assets.${asset}`];
        if (list && list.length === 0) {
          return (
            <div key={asset} className="space-y-1">
              <p className="text-sm font-medium text-gray-800">{words.label}</p>
              <Alert tone={error ? 'error' : 'warning'}>{words.empty}</Alert>
              {error && error !== words.empty && <p className="text-sm text-red-600">{error}</p>}
            </div>
          );
        }
        if (list) {
          const chosen = list.find((c) => c.id === value);
          return (
            <SelectField
              key={asset}
              label={words.label}
              name={`assets.${asset}`}
              value={chosen ? value : ''}
              onChange={(e) => setAsset(asset, e.currentTarget.value)}
              error={error}
              hint={
                chosen ? (
                  <>
                    {words.hint} Id <span className="font-mono">{chosen.id}</span>
                  </>
                ) : (
                  words.hint
                )
              }
              options={[...(chosen ? [] : [{ value: '', label: `${words.choose}…` }]), ...list.map((c) => ({ value: c.id, label: choiceLabel(c) }))]}
            />
          );
        }
        if (assets.isLoading) return null;
        return (
          <TextField
            key={asset}
            label={words.idLabel}
            name={`assets.${asset}`}
            value={value}
            onChange={(e) => setAsset(asset, e.currentTarget.value)}
            error={error}
            hint={words.hint}
            autoComplete="off"
          />
        );
      })}
    </>
  );
}

/** The chosen assets by name for the review step (the id where the listing is not at hand). */
export function chosenAssets(draft: Draft, assets: AdAccountAssets | undefined): Array<{ asset: string; label: string; name: string | null; id: string }> {
  return Object.keys(draft.assets)
    .filter((asset) => draft.assets[asset]?.trim())
    .map((asset) => {
      const id = draft.assets[asset]!.trim();
      const choice = choicesOf(assets?.assets, asset)?.find((c) => c.id === id);
      return { asset, label: assetWords(asset).label, name: choice ? choiceLabel(choice) : null, id };
    });
}
