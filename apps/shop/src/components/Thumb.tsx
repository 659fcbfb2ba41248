/**
 * A product picture. Activity options carry no image in the API yet, so the
 * shop draws a tile from the name (its first character on a colour of its own).
 */
export function Thumb({
  seed,
  text,
  kind,
  imageUrl,
}: {
  seed: number;
  text: string;
  kind?: string;
  imageUrl?: string | null;
}) {
  if (imageUrl) return <img className="thumb" src={imageUrl} alt={text} loading="lazy" />;
  const hue = (seed * 47) % 360;
  const glyph = kind === 'voucher' ? '券' : kind === 'virtual' ? '卡' : (text.trim()[0] ?? '拼');
  return (
    <div
      className="thumb"
      aria-hidden="true"
      style={{
        background: `linear-gradient(135deg, hsl(${hue} 70% 55%), hsl(${(hue + 40) % 360} 80% 62%))`,
      }}
    >
      {glyph}
    </div>
  );
}
