"""Media residents send (photos of damp, of a leak; PDFs): what a file really is, judged by
its content; the job that downloads each attachment into the file store; and the hook a
channel uses to hand over bytes it already has (the web form's uploads, email)."""
