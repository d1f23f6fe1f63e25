export default function PersonaDetails() {
  return null;
}
