/**
 * A strong password for the secret field, made in this browser (web/crypto/password.ts): a length and the
 * character classes to use. Folded away until asked for; the result goes into the secret field.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CharacterClass, generatePassword, PASSWORD_LENGTH } from '../crypto/password.ts';

const CLASSES: readonly CharacterClass[] = ['lower', 'upper', 'digits', 'symbols'];

export function PasswordGenerator({ onGenerate }: { onGenerate: (password: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [length, setLength] = useState<number>(PASSWORD_LENGTH.preset);
  const [classes, setClasses] = useState<readonly CharacterClass[]>(CLASSES);
  const [said, setSaid] = useState('');
  const usable =
    classes.length > 0 &&
    Number.isInteger(length) &&
    length >= Math.max(PASSWORD_LENGTH.min, classes.length) &&
    length <= PASSWORD_LENGTH.max;

  const generate = () => {
    if (!usable) return;
    onGenerate(generatePassword({ length, classes }));
    setSaid(t('generator.done', { count: length }));
  };

  return (
    <div className="generator">
      <button
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
      >
        {t('generator.open')}
      </button>
      {open && (
        <fieldset id={`${id}-panel`} className="generator-panel">
          <legend>{t('generator.title')}</legend>
          <div className="field">
            <label htmlFor={`${id}-length`}>{t('generator.length')}</label>
            <input
              id={`${id}-length`}
              className="generator-length"
              type="number"
              inputMode="numeric"
              min={PASSWORD_LENGTH.min}
              max={PASSWORD_LENGTH.max}
              value={Number.isNaN(length) ? '' : length}
              aria-invalid={usable ? undefined : true}
              aria-describedby={`${id}-length-hint`}
              onChange={(event) => setLength(event.target.valueAsNumber)}
            />
            <p id={`${id}-length-hint`} className="hint">
              {t('generator.lengthHint', { min: PASSWORD_LENGTH.min, max: PASSWORD_LENGTH.max })}
            </p>
          </div>
          <div className="generator-classes">
            {CLASSES.map((name) => (
              <div className="check" key={name}>
                <input
                  id={`${id}-${name}`}
                  type="checkbox"
                  checked={classes.includes(name)}
                  onChange={(event) =>
                    setClasses(
                      event.target.checked
                        ? CLASSES.filter((c) => c === name || classes.includes(c))
                        : classes.filter((c) => c !== name),
                    )
                  }
                />
                <label htmlFor={`${id}-${name}`}>{t(`generator.classes.${name}`)}</label>
              </div>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="button button-secondary" disabled={!usable} onClick={generate}>
              {t('generator.generate')}
            </button>
            <p className="status" role="status">
              {said}
            </p>
          </div>
        </fieldset>
      )}
    </div>
  );
}
